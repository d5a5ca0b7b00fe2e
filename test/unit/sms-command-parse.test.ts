import { expect } from 'chai';
import { parseSmsCommand } from '../../server/domain/sms-commands/parse.js';
import { commandHint, replyText } from '../../server/domain/sms-commands/replies.js';

describe('SMS command parsing', () => {
  it('reads the three commands, diacritics, case and spacing ignored', () => {
    expect(parseSmsCommand('NHAN 4821')).to.deep.equal({ ok: true, command: { kind: 'accept', code: 4821 } });
    expect(parseSmsCommand('  nhận   4821 ')).to.deep.equal({ ok: true, command: { kind: 'accept', code: 4821 } });
    expect(parseSmsCommand('Từ chối 4821 Không đúng địa bàn')).to.deep.equal({ ok: true, command: { kind: 'decline', code: 4821, reason: 'Không đúng địa bàn' } });
    expect(parseSmsCommand('TUCHOI 48211 sai địa bàn')).to.deep.equal({ ok: true, command: { kind: 'decline', code: 48211, reason: 'sai địa bàn' } });
    expect(parseSmsCommand('HOTRO 4821 b,g,đ đã hỗ trợ')).to.deep.equal({ ok: true, command: { kind: 'support', code: 4821, regimes: ['b', 'g', 'dd'], note: 'đã hỗ trợ' } });
    expect(parseSmsCommand('hỗ trợ 4821 a')).to.deep.equal({ ok: true, command: { kind: 'support', code: 4821, regimes: ['a'], note: '' } });
  });

  it('says what is wrong with a malformed command', () => {
    expect(parseSmsCommand('NHAN')).to.deep.equal({ ok: false, kind: 'accept', problem: 'code' });
    expect(parseSmsCommand('NHAN 48')).to.deep.equal({ ok: false, kind: 'accept', problem: 'code' });
    expect(parseSmsCommand('TUCHOI 4821')).to.deep.equal({ ok: false, kind: 'decline', problem: 'reason' });
    expect(parseSmsCommand('HOTRO 4821 x,b')).to.deep.equal({ ok: false, kind: 'support', problem: 'regimes' });
  });

  it('leaves anything else to the operators', () => {
    expect(parseSmsCommand('Chào tổng đài, em cần giúp')).to.equal(null);
    expect(parseSmsCommand('Nhanh lên giúp em')).to.equal(null);
    expect(parseSmsCommand('')).to.equal(null);
  });

  it('answers in the officer\'s language and says how to reply', () => {
    expect(replyText({ kind: 'accepted', ref: 'LH-000012' }, 'en')).to.contain('ACCEPTED case LH-000012');
    expect(replyText({ kind: 'support', ref: 'LH-000012', regimes: ['b', 'dd'] }, 'vi')).to.contain('(b, đ)');
    expect(commandHint(4821)).to.contain('NHAN 4821').and.to.contain('TUCHOI 4821');
  });
});
