/**
 * Invented Vietnamese-looking names (people, companies, places), assembled from syllable lists.
 * Nothing here is taken from the company's files. All output is NFC-normalised.
 */
import type { Rng } from "./rng.js";

const FAMILY = ["NGUYỄN", "TRẦN", "LÊ", "PHẠM", "HOÀNG", "HUỲNH", "PHAN", "VŨ", "VÕ", "ĐẶNG", "BÙI", "ĐỖ", "HỒ", "NGÔ", "DƯƠNG", "LÝ", "TRỊNH", "ĐINH", "LÂM", "MAI", "CAO", "LƯU"];
const MIDDLE_MALE = ["VĂN", "HỮU", "ĐÌNH", "QUỐC", "CÔNG", "XUÂN", "TRỌNG", "GIA", "NHẬT", "THẾ", "BẢO", "ĐĂNG"];
const MIDDLE_FEMALE = ["THỊ", "NGỌC", "THU", "KIM", "MỸ", "THÙY", "HỒNG", "PHƯƠNG", "DIỄM", "BẢO"];
const GIVEN_MALE = ["KHOA", "LỘC", "NGHĨA", "PHÚC", "QUÂN", "THẮNG", "TRÍ", "VIỆT", "DŨNG", "HIẾU", "HUY", "KIÊN", "LÂM", "NAM", "PHONG", "TÂM", "TOÀN", "VINH", "CƯỜNG", "ĐẠT", "HẢI", "KHANG", "LONG", "NHÂN", "QUANG", "TÙNG", "THỊNH", "VŨ", "HÒA", "SANG"];
const GIVEN_FEMALE = ["HẠNH", "LINH", "NHUNG", "OANH", "TRANG", "YẾN", "HẰNG", "LAN", "MAI", "NGA", "QUYÊN", "THẢO", "UYÊN", "XUÂN", "DUNG", "HIỀN", "LOAN", "NHI", "PHƯỢNG", "TUYỀN"];

const WORD = ["AN", "BÌNH", "PHÚ", "THỊNH", "HƯNG", "LONG", "PHÁT", "THÀNH", "ĐẠT", "MINH", "KHANG", "HÒA", "TÂN", "VIỆT", "NAM", "GIA", "HOÀNG", "THIÊN", "PHƯỚC", "LỘC", "TÀI", "ĐỨC", "TRUNG", "QUANG", "SANG", "THÁI", "VĨNH", "NGỌC", "HẢI", "SƠN", "KIM", "TIẾN", "TRƯỜNG", "BẢO", "NGUYÊN", "PHONG", "THUẬN", "HIỆP", "KHÁNH", "LỢI", "XUÂN", "ĐÔNG", "MỸ", "PHƯƠNG", "HẬU", "NHẬT", "QUÝ", "VẠN", "HỢP", "TƯỜNG"];
const TRADE = [
  "SẢN XUẤT THƯƠNG MẠI",
  "NỘI THẤT",
  "CHẾ BIẾN GỖ",
  "GỖ",
  "XÂY DỰNG",
  "THƯƠNG MẠI DỊCH VỤ",
  "KỸ NGHỆ GỖ",
  "TRANG TRÍ NỘI THẤT",
  "SƠN",
  "CƠ KHÍ",
  "ĐẦU TƯ XÂY DỰNG",
  "VẬT LIỆU XÂY DỰNG",
  "SẢN XUẤT THƯƠNG MẠI DỊCH VỤ",
  "MỘC",
];
const FORMS: readonly (readonly [string, number])[] = [
  ["CÔNG TY TNHH", 40],
  ["CÔNG TY CỔ PHẦN", 16],
  ["CÔNG TY TNHH MỘT THÀNH VIÊN", 8],
  ["CTY TNHH", 4],
  ["DOANH NGHIỆP TƯ NHÂN", 4],
  ["CHI NHÁNH CÔNG TY TNHH", 3],
  ["HỘ KINH DOANH", 6],
];
const BRAND_A = ["VI", "TA", "MI", "LA", "KO", "SA", "RO", "NA", "DA", "HE", "LU", "MO", "TE", "KA", "ZEN", "AU"];
const BRAND_B = ["NA", "RO", "KA", "VI", "LEN", "TEX", "WOOD", "DECO", "LINE", "MAX", "TON", "RA"];
const BRAND_TAIL = ["FURNITURE", "HOME", "WOOD", "INTERIOR", "DESIGN", "INDUSTRIES"];
const PROVINCES = ["THÀNH PHỐ HỒ CHÍ MINH", "TỈNH ĐỒNG NAI", "TỈNH TÂY NINH", "TỈNH ĐỒNG THÁP", "THÀNH PHỐ ĐÀ NẴNG", "TỈNH KHÁNH HÒA", "THÀNH PHỐ CẦN THƠ", "TỈNH LÂM ĐỒNG"];

export function nfc(text: string): string {
  return text.normalize("NFC");
}

/** "NGUYỄN THỊ THẢO" → "Nguyễn Thị Thảo" (keeps acronyms like TNHH upper case). */
export function titleCase(text: string): string {
  const keep = new Set(["TNHH", "CP", "MTV", "SX", "TM", "DV", "XD", "KCN"]);
  return text
    .split(" ")
    .map((w) => (keep.has(w) || w.length === 0 ? w : w[0] + w.slice(1).toLowerCase()))
    .join(" ");
}

export function personName(rng: Rng, female = rng.chance(0.3)): string {
  const family = rng.pick(FAMILY);
  const middle = rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return nfc(`${family} ${middle} ${given}`);
}

/** Short form used in free texts, e.g. "Mr Lộc" / "Mrs.Hạnh". */
export function shortPersonName(rng: Rng): string {
  const female = rng.chance(0.4);
  const given = titleCase(rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE));
  return nfc(female ? `Mrs.${given}` : `Mr ${given}`);
}

export function placeWord(rng: Rng): string {
  let a = rng.pick(WORD);
  let b = rng.pick(WORD);
  while (b === a) b = rng.pick(WORD);
  return `${a} ${b}`;
}

export function companyName(rng: Rng): string {
  const form = rng.table(FORMS);
  let name: string;
  if (form === "HỘ KINH DOANH") {
    name = `${form} ${rng.chance(0.5) ? placeWord(rng) : personName(rng)}`;
  } else if (rng.chance(0.18)) {
    const brand = rng.pick(BRAND_A) + rng.pick(BRAND_B);
    name = `${form} ${brand} ${rng.pick(BRAND_TAIL)}${rng.chance(0.3) ? " (VIỆT NAM)" : ""}`;
  } else {
    name = `${form} ${rng.pick(TRADE)} ${placeWord(rng)}`;
  }
  if (rng.chance(0.35)) name = titleCase(name);
  return nfc(name);
}

export interface Place {
  city: string;
  address: string;
}

export function place(rng: Rng): Place {
  const kind = rng.table([
    ["Phường", 5],
    ["Xã", 3],
    ["H.", 1],
  ] as const);
  const ward = titleCase(placeWord(rng));
  const city = nfc(`${kind} ${ward}`);
  const province = rng.pick(PROVINCES);
  const unit = kind === "Phường" ? "PHƯỜNG" : kind === "Xã" ? "XÃ" : "HUYỆN";
  const wardUpper = ward.toUpperCase();
  const address = rng.chance(0.5)
    ? `SỐ ${rng.int(1, 250)}${rng.chance(0.3) ? `/${rng.int(2, 60)}` : ""} ĐƯỜNG ${placeWord(rng)}, ${unit} ${wardUpper}, ${province}, VIỆT NAM`
    : rng.chance(0.5)
      ? `LÔ ${rng.pick(["A", "B", "C", "D", "E", "F", "K"])}${rng.int(1, 30)}, KHU CÔNG NGHIỆP ${placeWord(rng)}, ${unit} ${wardUpper}, ${province}, VIỆT NAM`
      : `THỬA ĐẤT SỐ ${rng.int(10, 999)}, TỜ BẢN ĐỒ SỐ ${rng.int(1, 40)}, ẤP ${rng.int(1, 9)}, ${unit} ${wardUpper}, ${province}`;
  return { city, address: nfc(address) };
}
