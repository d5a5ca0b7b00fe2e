/**
 * The 54 ethnic groups of Viet Nam with the codes of the General Statistics Office's list (Decision
 * 121-TCTK/PPCĐ of 2 March 1979, the numbering the national population database and the education statistics still
 * use), plus 55 for a foreign national, as those registers do. Only the code is stored; unknown is null.
 *
 * Note: GSO's later classification (Decision 1019/QĐ-TCTK, 2008, used by the censuses) numbers the same groups in
 * another order from 04 on (04 Mường, 05 Khơ-me, 06 Hoa…); a code exchanged with another system must say which list.
 *
 * Aliases are other names people use (from the decision's "tên gọi khác", common spellings and English names), for
 * search and for reading old free text. A folded alias belongs to one group only (test/unit/ethnicities.test.ts).
 */
type Row = readonly [code: string, vi: string, en: string, aliases: readonly string[]];

const ROWS = [
  ['01', 'Kinh', 'Kinh', ['Việt', 'Kinh (Việt)', 'Người Việt', 'Viet', 'Vietnamese']],
  ['02', 'Tày', 'Tay', ['Ngạn', 'Phén', 'Thù Lao', 'Pa Dí']],
  ['03', 'Thái', 'Thai', ['Thái Trắng', 'Thái Đen', 'Tày Khao', 'Tày Đăm', 'Tày Mười', 'Tày Thanh', 'Hàng Tổng', 'Pu Thay', 'Thổ Đà Bắc', 'Tai']],
  ['04', 'Hoa', 'Hoa (Chinese)', ['Hán', 'Hoa (Hán)', 'Người Hoa', 'Triều Châu', 'Phúc Kiến', 'Quảng Đông', 'Hải Nam', 'Xạ Phạng', 'Chinese', 'Han']],
  ['05', 'Khơ-me', 'Khmer', ['Khơ me', 'Khmer Krom', 'Khơ-me Krôm', 'Miên', 'Cur', 'Cul']],
  ['06', 'Mường', 'Muong', ['Mol', 'Mual', 'Ao Tá']],
  ['07', 'Nùng', 'Nung', ['Nùng Xuồng', 'Nùng Giang', 'Nùng An', 'Nùng Phàn Slinh', 'Nùng Cháo', 'Nùng Lòi', 'Quý Rim', 'Khèn Lài']],
  ['08', 'HMông', 'Hmong', ["H'Mông", 'Hmông', 'Mông', 'HMông (Mèo)', 'Mèo', 'Mẹo', 'Mèo Hoa', 'Mèo Xanh', 'Mèo Đỏ', 'Mèo Đen', 'Ná Mẻo', 'Mán Trắng', 'Meo', 'Miao']],
  ['09', 'Dao', 'Dao (Yao)', ['Mán', 'Động', 'Dìu Miền', 'Kiềm Miền', 'Quần Trắng', 'Dao Đỏ', 'Quần Chẹt', 'Lô Giang', 'Dao Tiền', 'Thanh Y', 'Lan Tẻn', 'Đại Bản', 'Tiểu Bản', 'Cóc Ngáng', 'Cóc Mùn', 'Sơn Đầu', 'Yao', 'Iu Mien']],
  ['10', 'Gia-rai', 'Jarai', ['Gia Rai', 'Giơ-rai', 'Chơ-rai', 'Tơ-buăn', 'Hơ-bau', 'Hđrung', 'Jrai']],
  ['11', 'Ngái', 'Ngai', ['Xín', 'Đản', 'Khách Gia']],
  ['12', 'Ê-đê', 'Ede', ['Ê Đê', 'Ra-đê', 'Rađê', 'Rhade', 'Đê', 'Kpạ', 'A-đham', 'Krung', 'Ktul', 'Bih']],
  ['13', 'Ba-na', 'Bahnar', ['Ba Na', 'Gơ-lar', 'Tơ-lô', 'Giơ-lâng', 'Rơ-ngao', 'Krem', 'Roh', 'Kon Kđe', 'Kpăng Công', 'Bơ-nâm']],
  ['14', 'Xơ-đăng', 'Sedang', ['Xơ Đăng', 'Xơ-teng', 'Hđang', 'Tơ-đra', 'Mơ-nâm', 'Ha-lăng', 'Ca-dong', 'Kmrâng', 'Con Lan', 'Bri-la']],
  ['15', 'Sán Chay', 'San Chay', ['Cao Lan', 'Sán Chỉ', 'Cao Lan-Sán Chỉ', 'Mán Cao Lan', 'Hờn Bận']],
  ['16', 'Cơ-ho', 'Koho', ['Cơ Ho', "K'Ho", 'Xrê', 'Nốp', 'Cơ-don', 'Lát', 'Tơ-ring']],
  ['17', 'Chăm', 'Cham', ['Chàm', 'Chăm Hroi', 'Chăm Pa', 'Chiêm Thành']],
  ['18', 'Sán Dìu', 'San Diu', ['Sán Déo', 'Trại Đất', 'Mán Quần Cộc']],
  ['19', 'Hrê', 'Hre', ['Chăm Rê', 'Chom', 'Krẹ Lũy']],
  ['20', 'Mnông', 'Mnong', ["M'Nông", 'Pnông', 'Mnông Gar', 'Mnông Nong', 'Mnông Prẹ', 'Bu-đâng', 'ĐiPri', 'Biat', 'Rơ-lam']],
  ['21', 'Ra-glai', 'Raglai', ['Ra Glai', 'Ra-clây', 'Rai', 'Noang', 'La-oang']],
  ['22', 'Xtiêng', 'Stieng', ["X'tiêng", 'Stiêng', 'Xa-điêng']],
  ['23', 'Bru-Vân Kiều', 'Bru-Van Kieu', ['Bru', 'Vân Kiều', 'Măng Coong', 'Khùa']],
  ['24', 'Thổ', 'Tho', ['Kẹo', 'Mọn', 'Cuối', 'Đan Lai', 'Ly Hà', 'Tày Pọng', 'Con Kha']],
  ['25', 'Giáy', 'Giay', ['Nhắng', 'Dẩng', 'Pầu Thìn Nu Nà', 'Cùi Chu']],
  ['26', 'Cơ-tu', 'Katu', ['Cơ Tu', 'Ca-tu', 'Ka-tu', 'Cao', 'Phương']],
  ['27', 'Gié-Triêng', 'Gie-Trieng', ['Giẻ Triêng', 'Giẻ', 'Triêng', 'Đgiéh', 'Ta-riêng', 'Ve', 'La-ve', 'Bnoong']],
  ['28', 'Mạ', 'Ma', ['Châu Mạ', 'Mạ Ngăn', 'Mạ Xóp', 'Mạ Tô', 'Mạ Krung']],
  ['29', 'Khơ-mú', 'Khmu', ['Khơ Mú', 'Kmhmu', 'Xá Cẩu', 'Mứn Xen', 'Pu Thênh', 'Tềnh', 'Tày Hay']],
  ['30', 'Co', 'Co', ['Cor', 'Col', 'Cùa', 'Trầu']],
  ['31', 'Tà-ôi', 'Ta Oi', ['Tà Ôi', 'Pa-cô', 'Pa Hy', 'Ba-hi', 'Tôi-ôi']],
  ['32', 'Chơ-ro', 'Cho Ro', ['Chơ Ro', 'Châu-ro', 'Dơ-ro']],
  ['33', 'Kháng', 'Khang', ['Xá Súa', 'Xá Dón', 'Xá Dẩng', 'Xá Hốc', 'Xá Ái', 'Xá Bung', 'Quảng Lâm']],
  ['34', 'Xinh-mun', 'Xinh Mun', ['Xinh Mun', 'Puộc', 'Pụa']],
  ['35', 'Hà Nhì', 'Ha Nhi', ['U Ni', 'Xá U Ni', 'Hani']],
  ['36', 'Chu-ru', 'Churu', ['Chu Ru', 'Chơ-ru']],
  ['37', 'Lào', 'Lao', ['Lào Bốc', 'Lào Nọi']],
  ['38', 'La Chí', 'La Chi', ['Cù Tê', 'La Quả']],
  ['39', 'La Ha', 'La Ha', ['Khlá Phlạo', 'La Ha Úng']],
  ['40', 'Phù Lá', 'Phu La', ['Bồ Khô Pạ', 'Mu Di', 'Pạ Xá', 'Phó', 'Phổ', 'Va Xơ']],
  ['41', 'La Hủ', 'La Hu', ['Pu Đang', 'Khù Xung', 'Cò Xung', 'Khả Quy']],
  ['42', 'Lự', 'Lu', ['Lừ', 'Nhuồn', 'Duôn', 'Lue']],
  ['43', 'Lô Lô', 'Lo Lo', ['Mun Di', 'Lolo']],
  ['44', 'Chứt', 'Chut', ['Rục', 'Sách', 'Mày', 'Arem', 'Mã Liềng']],
  ['45', 'Mảng', 'Mang', ['Mảng Ư']],
  ['46', 'Pà Thẻn', 'Pa Then', ['Pà Hưng', 'Tống']],
  ['47', 'Cơ Lao', 'Co Lao', ['Cờ Lao', 'Gelao']],
  ['48', 'Cống', 'Cong', ['Xắm Khống', 'Mấng Nhé', 'Xá Xeng']],
  ['49', 'Bố Y', 'Bo Y', ['Chủng Chá', 'Trọng Gia', 'Tu Dí', 'Tu Dìn', 'Bouyei']],
  ['50', 'Si La', 'Si La', ['Cù Dề Xừ', 'Khả Pẻ']],
  ['51', 'Pu Péo', 'Pu Peo', ['Ka Pèo', 'Pen Ti Lô Lô']],
  ['52', 'Brâu', 'Brau', ['Brao']],
  ['53', 'Ơ Đu', 'O Du', ['Tày Hạt', 'Ơ-đu']],
  ['54', 'Rơ-măm', 'Romam', ['Rơ Măm']],
  ['55', 'Người nước ngoài', 'Foreign national', ['Nước ngoài', 'Ngoại quốc', 'Foreigner', 'Foreign']],
] as const satisfies readonly Row[];

export type EthnicityCode = (typeof ROWS)[number][0];

export interface EthnicGroup {
  code: EthnicityCode;
  vi: string;
  en: string;
  aliases: readonly string[];
}

/** In code order: 01–54 the groups, 55 a foreign national. */
export const ETHNIC_GROUPS: readonly EthnicGroup[] = ROWS.map(([code, vi, en, aliases]) => ({ code, vi, en, aliases }));

export const ETHNICITY_CODES = ROWS.map((r) => r[0]) as unknown as readonly [EthnicityCode, ...EthnicityCode[]];

/** The code for a person who is not a Vietnamese citizen (as the population and education registers record them). */
export const FOREIGN_NATIONAL: EthnicityCode = '55';
