import { expect } from 'chai';
import { ValidationError } from '../../server/domain/errors.js';
import { FOLD, foldVietnamese } from '../../server/domain/units/fold-vietnamese.js';
import { parseUnitsCsv, splitCsvLine } from '../../server/domain/units/units-csv.js';

describe('units CSV parsing', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('commune,"00001","Phường ""Mới"", A",01')).to.deep.equal(['commune', '00001', 'Phường "Mới", A', '01']);
    expect(splitCsvLine('province,01,Hà Nội,')).to.deep.equal(['province', '01', 'Hà Nội', '']);
  });

  it('handles a BOM, CRLF and blank lines, keeping codes as text and numbering file lines', () => {
    const rows = parseUnitsCsv('\uFEFFlevel,code,name,parent_code\r\nprovince,02,Tỉnh Hà Giang,\r\n\r\ndistrict,030,Huyện Vị Xuyên,02\r\n');
    expect(rows).to.deep.equal([
      { line: 2, level: 'province', code: '02', name: 'Tỉnh Hà Giang', parentCode: null },
      { line: 4, level: 'district', code: '030', name: 'Huyện Vị Xuyên', parentCode: '02' },
    ]);
  });

  it('names the line and field of the first bad row', () => {
    const bad = (csv: string) => {
      try {
        parseUnitsCsv(csv);
      } catch (e) {
        expect(e).to.be.instanceOf(ValidationError);
        return (e as ValidationError).fields;
      }
      throw new Error('expected a ValidationError');
    };
    expect(bad('level,code,name,parent_code\nprovince,02,X,\nward,031,Y,02\n')).to.have.property('line 3.level');
    expect(bad('level,code,name,parent_code\nprovince,02,X,\ndistrict,031,Y\n')).to.have.property('line 3.row');
    expect(bad('level,code,name,parent_code\nprovince,02,X,01\n')).to.have.property('line 2.parent_code');
  });

  it('folds Vietnamese accents the same way in JS and in the SQL translate() map', () => {
    expect(foldVietnamese('Huyện Vị Xuyên')).to.equal('huyen vi xuyen');
    expect(foldVietnamese('ĐỒNG VĂN')).to.equal('dong van');
    expect([...FOLD.from]).to.have.length([...FOLD.to].length);
    const sqlLike = (s: string) => [...s].map((c) => FOLD.to[FOLD.from.indexOf(c)] ?? c).join('').toLowerCase();
    expect(sqlLike('Thị trấn Mường Tè, ĐẮK LẮK')).to.equal(foldVietnamese('Thị trấn Mường Tè, ĐẮK LẮK'));
  });
});
