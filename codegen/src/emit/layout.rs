//! Blank lines between items, which prettyplease does not write but hand-written Rust has.

/// Inserts a blank line after each item that closes (`}` or `;`) when another item or its
/// docs follow, so impls, functions and constants read as separate paragraphs.
pub fn space_items(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(i + 1) else { continue };
        let (this, next) = (line.trim(), next.trim());
        let closes_block = this == "}" || this == "};";
        let closes_item = this.ends_with(';') && !this.starts_with("//") && starts_item(next);
        let opens_next = !next.is_empty() && !next.starts_with('}') && !next.starts_with(')') && !next.starts_with("else");
        if (closes_block && opens_next && !next.starts_with(',') && !next.starts_with('.')) || closes_item {
            out.push('\n');
        }
    }
    out
}

fn starts_item(line: &str) -> bool {
    line.starts_with("///") || line.starts_with("#[") || line.starts_with("pub fn") || line.starts_with("impl")
}

#[cfg(test)]
mod tests {
    use super::space_items;

    #[test]
    fn separates_items_but_not_statements() {
        let code = "impl A {\n    pub const X: i32 = 1;\n    /// Doc.\n    pub fn f() {\n        g();\n        h()\n    }\n    pub fn i() {}\n}\nimpl B {}\n";
        let expected = "impl A {\n    pub const X: i32 = 1;\n\n    /// Doc.\n    pub fn f() {\n        g();\n        h()\n    }\n\n    pub fn i() {}\n}\n\nimpl B {}\n";
        assert_eq!(space_items(code), expected);
    }
}
