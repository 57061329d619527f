use super::*;

const UNITS: [&str; 6] = ["VP", "TT", "QHPTDT", "QLXD", "QLNVLXD", "TTQHGD"];
const HEAD: &str = "employee_code,full_name,unit_code,position,email,gender,hire_date,roles\n";
const GOOD: &str = "NV001,Nguyễn Văn An,VP,Chánh Văn phòng,an@example.gov.vn,nam,2015-03-01,unit_head;council_member\n";

fn file(rows: &str) -> Vec<u8> {
    format!("{HEAD}{GOOD}{rows}").into_bytes()
}

fn problems(bytes: &[u8]) -> Vec<(usize, Problem)> {
    parse(bytes, &UNITS)
        .expect_err("the file must be refused")
        .into_iter()
        .map(|error| (error.line, error.problem))
        .collect()
}

#[test]
fn a_good_file_gives_typed_rows() {
    let rows = parse(&file("NV002,  Trần  Thị Bình ,TT,Thanh tra viên,Binh@Example.gov.vn,Nữ,2026-12-01, staff ; \n"), &UNITS)
        .expect("valid");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].line, 2);
    assert!(rows[0].roles.has(Role::UnitHead) && rows[0].roles.has(Role::CouncilMember));
    let binh = &rows[1];
    assert_eq!(binh.line, 3);
    assert_eq!(binh.full_name, "Trần Thị Bình");
    assert_eq!(binh.email.as_str(), "binh@example.gov.vn");
    assert_eq!(binh.gender, Gender::Female);
    // A future hire date (someone starting next month) is accepted.
    assert_eq!(
        binh.hire_date,
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    );
    assert_eq!(binh.roles, Roles::new([Role::Staff]));
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let text = format!("\u{feff}{HEAD}{GOOD}").replace('\n', "\r\n");
    let rows = parse(text.as_bytes(), &UNITS).expect("Excel's CSV UTF-8 is accepted");
    assert_eq!(rows[0].employee_code, "NV001");
}

#[test]
fn a_vietnamese_excel_csv_with_semicolons_and_day_first_dates_reads_like_the_plain_one() {
    let plain = parse(&file(""), &UNITS).expect("valid");
    let excel = format!(
        "\u{feff}{}\r\nNV001;Nguyễn Văn An;VP;Chánh Văn phòng;an@example.gov.vn;nam;01/03/2015;\"unit_head;council_member\"\r\n",
        HEAD.trim_end().replace(',', ";")
    );
    assert_eq!(parse(excel.as_bytes(), &UNITS).expect("accepted"), plain);
}

#[test]
fn an_xlsx_sheet_reads_like_the_csv() {
    let plain = parse(&file(""), &UNITS).expect("valid");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, title) in HEADER.iter().enumerate() {
        sheet.write_string(0, column as u16, *title).unwrap();
    }
    let cells = GOOD.trim_end().split(',').collect::<Vec<_>>();
    for (column, cell) in cells.iter().enumerate() {
        if column == 6 {
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2015, 3, 1).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
            sheet
                .write_datetime_with_format(1, column as u16, &date, &format)
                .unwrap();
        } else {
            sheet.write_string(1, column as u16, *cell).unwrap();
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    assert_eq!(parse(&bytes, &UNITS).expect("accepted"), plain);
}

#[test]
fn two_directors_are_refused_with_both_lines() {
    let text = file(
        "NV002,Lê Chí,VP,Giám đốc,chi@example.gov.vn,nam,2020-01-01,director\n\
         NV003,Lê Dũng,VP,Giám đốc,dung@example.gov.vn,nam,2020-01-01,staff;director\n",
    );
    assert_eq!(
        problems(&text),
        vec![(4, Problem::SecondDirector { first_line: 3 })]
    );
}

#[test]
fn each_kind_of_bad_row_is_reported_with_its_line() {
    let cases: Vec<(&str, Problem)> = vec![
        (
            "NV002,Lê Chí,XX,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff",
            Problem::UnknownUnit("XX".into()),
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi.example.gov.vn,nam,2020-01-01,staff",
            Problem::BadEmail("chi.example.gov.vn".into()),
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,31/02/2020,staff",
            Problem::BadDate("31/02/2020".into()),
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-02-30,staff",
            Problem::BadDate("2020-02-30".into()),
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,khác,2020-01-01,staff",
            Problem::BadGender("khác".into()),
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff;chairman",
            Problem::UnknownRole("chairman".into()),
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,;",
            Problem::EmptyRoles,
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,",
            Problem::Missing("roles"),
        ),
        (
            "NV002,,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff",
            Problem::Missing("full_name"),
        ),
        (
            "NV001,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff",
            Problem::DuplicateCode {
                code: "NV001".into(),
                first_line: 2,
            },
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,AN@example.gov.vn,nam,2020-01-01,staff",
            Problem::DuplicateEmail {
                email: "an@example.gov.vn".into(),
                first_line: 2,
            },
        ),
        (
            "NV002,Lê Chí,VP,Phó Chánh Văn phòng,chi@example.gov.vn,nam,2020-01-01,unit_head",
            Problem::SecondUnitHead {
                unit: "VP".into(),
                first_line: 2,
            },
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01",
            Problem::ColumnCount { found: 7 },
        ),
        (
            "NV002,Lê Chí,VP,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff,extra",
            Problem::ColumnCount { found: 9 },
        ),
    ];
    for (row, expected) in cases {
        assert_eq!(
            problems(&file(&format!("{row}\n"))),
            vec![(3, expected.clone())],
            "{row}"
        );
    }
}

#[test]
fn every_bad_row_is_listed_not_only_the_first() {
    let rows = "NV002,Lê Chí,XX,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff\n\
                NV003,Phạm Dũng,TT,Chuyên viên,dung@example.gov.vn,nam,2020-01-01,staff\n\
                NV004,,TT,Chuyên viên,bad,nam,2020-13-01,boss\n";
    let found = problems(&file(rows));
    assert_eq!(
        found,
        vec![
            (3, Problem::UnknownUnit("XX".into())),
            (5, Problem::Missing("full_name")),
            (5, Problem::BadEmail("bad".into())),
            (5, Problem::BadDate("2020-13-01".into())),
            (5, Problem::UnknownRole("boss".into())),
        ]
    );
}

#[test]
fn the_header_must_be_exactly_the_expected_one() {
    for header in [
        "employee_code,full_name,unit_code,position,email,gender,hire_date",
        "ma_nv,ho_ten,don_vi,chuc_vu,email,gioi_tinh,ngay,vai_tro",
        "",
    ] {
        let text = format!("{header}\n{GOOD}");
        let found = problems(text.as_bytes());
        assert_eq!(found.len(), 1, "{header}");
        assert!(
            matches!(found[0], (1, Problem::Header { .. })),
            "{header}: {found:?}"
        );
    }
}

#[test]
fn a_header_alone_is_not_an_import() {
    assert_eq!(problems(HEAD.as_bytes()), vec![(2, Problem::NoRows)]);
}

#[test]
fn blank_and_comma_only_lines_are_skipped_but_keep_line_numbers() {
    let text = format!(
        "{HEAD}{GOOD}\n,,,,,,,\nNV002,Lê Chí,XX,Chuyên viên,chi@example.gov.vn,nam,2020-01-01,staff\n"
    );
    assert_eq!(
        problems(text.as_bytes()),
        vec![(5, Problem::UnknownUnit("XX".into()))]
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_first_bad_line() {
    let mut bytes = file("");
    bytes.extend_from_slice(b"NV002,L\xea Ch\xed,VP,x,chi@example.gov.vn,nam,2020-01-01,staff\n");
    assert_eq!(problems(&bytes), vec![(3, Problem::NotUtf8)]);
}

#[test]
fn messages_are_vietnamese_with_english_and_name_the_line() {
    let error = RowError::new(
        7,
        Problem::SecondUnitHead {
            unit: "TT".into(),
            first_line: 4,
        },
    );
    let text = error.to_string();
    assert!(text.starts_with("Dòng 7 / line 7: "), "{text}");
    assert!(text.contains("hai trưởng đơn vị: dòng 4"), "{text}");
    assert!(text.contains("two heads: line 4"), "{text}");
}
