/** Banks an agency's account may be held at: Bank of Thailand codes, with the names people know. */
export interface ThaiBank {
  code: string;
  th: string;
  en: string;
}

export const THAI_BANKS: readonly ThaiBank[] = [
  { code: "002", th: "ธนาคารกรุงเทพ", en: "Bangkok Bank" },
  { code: "004", th: "ธนาคารกสิกรไทย", en: "Kasikornbank" },
  { code: "006", th: "ธนาคารกรุงไทย", en: "Krungthai Bank" },
  { code: "011", th: "ธนาคารทหารไทยธนชาต", en: "TMBThanachart Bank" },
  { code: "014", th: "ธนาคารไทยพาณิชย์", en: "Siam Commercial Bank" },
  { code: "022", th: "ธนาคารซีไอเอ็มบี ไทย", en: "CIMB Thai Bank" },
  { code: "024", th: "ธนาคารยูโอบี", en: "UOB (Thai)" },
  { code: "025", th: "ธนาคารกรุงศรีอยุธยา", en: "Bank of Ayudhya (Krungsri)" },
  { code: "030", th: "ธนาคารออมสิน", en: "Government Savings Bank" },
  { code: "033", th: "ธนาคารอาคารสงเคราะห์", en: "Government Housing Bank" },
  { code: "034", th: "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", en: "BAAC" },
  { code: "069", th: "ธนาคารเกียรตินาคินภัทร", en: "Kiatnakin Phatra Bank" },
];

export const findThaiBank = (code: string) => THAI_BANKS.find((b) => b.code === code);
