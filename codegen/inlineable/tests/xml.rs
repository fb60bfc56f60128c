//! The XML writer and pull reader: well-formed documents, every kind of malformed one, hostile
//! input that must neither panic nor expand, and writer-to-reader round trips.

use std::borrow::Cow;

use inlineable::error::DeserializeError;
use inlineable::xml::*;
use proptest::prelude::*;

// ---- helpers --------------------------------------------------------------------------------

/// Reads `xml`, panicking with the message if it is not a well-formed document.
fn doc(xml: &str) -> Document<'_> {
    Document::new(xml.as_bytes()).unwrap_or_else(|e| panic!("{xml:?} should open: {e}"))
}

/// The message of the error reading `xml` with `read` gives; panics if it succeeds.
fn read_error(xml: &[u8], read: impl FnOnce(&mut Document<'_>) -> Result<(), DeserializeError>) -> String {
    let result = Document::new(xml).and_then(|mut d| read(&mut d));
    match result {
        Ok(()) => panic!("{:?} should fail", String::from_utf8_lossy(xml)),
        Err(e) => e.message().to_owned(),
    }
}

/// The error from opening `xml` and reading all of it with [`dump`].
fn error_of(xml: &str) -> String {
    read_error(xml.as_bytes(), |d| dump_doc(d).map(drop))
}

/// A compact, exact rendering of a document: `name[attr=value,...]{children}` for elements
/// whose local name starts with an upper-case letter, `name="text"` for the others.
fn dump_doc(doc: &mut Document<'_>) -> Result<String, DeserializeError> {
    let mut root = doc.root()?;
    let mut out = String::new();
    dump(&mut root, &mut out)?;
    Ok(out)
}

fn dump(el: &mut ElementReader<'_, '_>, out: &mut String) -> Result<(), DeserializeError> {
    out.push_str(el.start().name());
    let attrs: Vec<String> = el.start().attributes().map(|(k, v)| format!("{k}={v}")).collect();
    if !attrs.is_empty() {
        out.push_str(&format!("[{}]", attrs.join(",")));
    }
    if el.start().local_name().starts_with(|c: char| c.is_ascii_uppercase()) {
        out.push('{');
        let mut first = true;
        while let Some(mut child) = el.next_tag()? {
            if !first {
                out.push(' ');
            }
            first = false;
            dump(&mut child, out)?;
        }
        out.push('}');
    } else {
        out.push_str(&format!("={:?}", el.text()?));
    }
    Ok(())
}

fn dumped(xml: &str) -> String {
    dump_doc(&mut doc(xml)).unwrap_or_else(|e| panic!("{xml:?} should read: {e}"))
}

/// The text of the root element.
fn root_text(xml: &str) -> Result<String, DeserializeError> {
    let mut d = Document::new(xml.as_bytes())?;
    let mut root = d.root()?;
    root.text()
}

fn written(write: impl FnOnce(&mut XmlWriter)) -> String {
    let mut w = XmlWriter::new();
    write(&mut w);
    w.into_string()
}

// ---- writing --------------------------------------------------------------------------------

#[test]
fn writes_the_documented_example() {
    let mut w = XmlWriter::new();
    let mut root = w.start("PutBucketTaggingRequest").ns("http://s3.amazonaws.com/doc/2006-03-01/", None).finish();
    let mut tag = root.start("Key").finish();
    tag.text("a&b");
    tag.end();
    root.text_element("Value", "<v>");
    root.end();
    assert_eq!(
        w.as_str(),
        r#"<PutBucketTaggingRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Key>a&amp;b</Key><Value>&lt;v&gt;</Value></PutBucketTaggingRequest>"#
    );
    assert_eq!(w.into_bytes(), br#"<PutBucketTaggingRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Key>a&amp;b</Key><Value>&lt;v&gt;</Value></PutBucketTaggingRequest>"#);
}

#[test]
fn writes_the_module_documentation_example() {
    let mut w = XmlWriter::new();
    let mut root = w.start("PutBucketTaggingRequest").ns("http://s3.amazonaws.com/doc/2006-03-01/", None).finish();
    let mut tag_set = root.start("TagSet").finish();
    let mut tag = tag_set.start("Tag").finish();
    tag.text_element("Key", "a&b");
    tag.end();
    tag_set.end();
    root.end();
    assert_eq!(
        w.as_str(),
        r#"<PutBucketTaggingRequest xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a&amp;b</Key></Tag></TagSet></PutBucketTaggingRequest>"#
    );
}

#[test]
fn writes_attributes_namespaces_and_empty_elements() {
    let xml = written(|w| {
        let mut root = w
            .start("Grant")
            .ns("http://www.w3.org/2001/XMLSchema-instance", Some("xsi"))
            .attr("xsi:type", "CanonicalUser")
            .finish();
        root.start("Empty").end();
        root.start("EmptyWithAttr").attr("a", "1").end();
        root.start("Open").finish().end();
    });
    assert_eq!(
        xml,
        r#"<Grant xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><Empty/><EmptyWithAttr a="1"/><Open></Open></Grant>"#
    );
    assert_eq!(written(|w| w.start("a").end()), "<a/>");
}

#[test]
fn dropping_an_element_writes_its_end_tag() {
    let xml = written(|w| {
        let mut root = w.start("A").finish();
        let mut b = root.start("B").finish();
        b.text("x");
        let _c = b.start("C").finish();
    });
    assert_eq!(xml, "<A><B>x<C></C></B></A>");
}

#[test]
fn escapes_text() {
    let text = |s: &str| written(|w| w.start("a").finish().text(s));
    assert_eq!(text(""), "<a></a>");
    assert_eq!(text("plain ünï 😀"), "<a>plain ünï 😀</a>");
    assert_eq!(text(r#"& < > " ' ]]>"#), "<a>&amp; &lt; &gt; &quot; &apos; ]]&gt;</a>");
    assert_eq!(text("a\r\nb\tc\n"), "<a>a&#xD;\nb\tc\n</a>");
    assert_eq!(text("\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f}"), "<a>&#x0;&#x1;&#x8;&#xB;&#xC;&#x1F;\u{7f}</a>");
    assert_eq!(text("x\u{fffe}y\u{ffff}z\u{fffd}"), "<a>x&#xFFFE;y&#xFFFF;z\u{fffd}</a>");
    assert_eq!(text("\u{efbf}\u{ef}"), "<a>\u{efbf}\u{ef}</a>");
}

#[test]
fn escapes_attribute_values() {
    let attr = |s: &str| written(|w| w.start("a").attr("v", s).end());
    assert_eq!(attr(""), r#"<a v=""/>"#);
    assert_eq!(attr(r#"& < > " '"#), r#"<a v="&amp; &lt; &gt; &quot; &apos;"/>"#);
    assert_eq!(attr("a\r\nb\tc"), r#"<a v="a&#xD;&#xA;b&#x9;c"/>"#);
    assert_eq!(attr("\u{1}"), r#"<a v="&#x1;"/>"#);
    assert_eq!(
        written(|w| w.start("a").ns("urn:x?a=1&b=\"2\"", Some("p")).end()),
        r#"<a xmlns:p="urn:x?a=1&amp;b=&quot;2&quot;"/>"#
    );
}

// ---- reading well-formed documents ----------------------------------------------------------

const LIST_OBJECTS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
    <Name>example-bucket</Name>
    <Prefix></Prefix>
    <KeyCount>2</KeyCount>
    <Unknown attr="x"><Deeper><Deepest>ignored &amp; skipped</Deepest></Deeper><![CDATA[<x>]]></Unknown>
    <Contents>
        <Key>my&amp;image.jpg</Key>
        <Size>434234</Size>
        <Future><Nested/></Future>
        <Owner><ID>abc</ID><DisplayName>me</DisplayName><Extra>1</Extra></Owner>
    </Contents>
    <Contents>
        <Key><![CDATA[a<b>c]]></Key>
        <Size>0</Size>
    </Contents>
    <IsTruncated>false</IsTruncated>
</ListBucketResult>
"#;

#[derive(Debug, Default, PartialEq)]
struct Object {
    key: Option<String>,
    size: Option<String>,
    owner: Option<String>,
}

#[test]
fn reads_a_list_objects_response_skipping_unknown_elements() {
    let mut d = doc(LIST_OBJECTS);
    let mut root = d.root().unwrap();
    assert_eq!(root.start().local_name(), "ListBucketResult");
    assert_eq!(root.start().attr("xmlns"), Some("http://s3.amazonaws.com/doc/2006-03-01/"));
    let (mut name, mut prefix, mut truncated, mut objects) = (None, None, None, Vec::new());
    while let Some(mut child) = root.next_tag().unwrap() {
        match child.start().local_name() {
            "Name" => name = Some(child.text().unwrap()),
            "Prefix" => prefix = Some(child.text().unwrap()),
            "IsTruncated" => truncated = Some(child.text().unwrap()),
            "Contents" => {
                let mut object = Object::default();
                while let Some(mut field) = child.next_tag().unwrap() {
                    match field.start().local_name() {
                        "Key" => object.key = Some(field.text().unwrap()),
                        "Size" => object.size = Some(field.text_cow().unwrap().into_owned()),
                        "Owner" => {
                            // Reads only the first field; the rest of `Owner` is skipped.
                            let mut id = field.next_tag().unwrap().unwrap();
                            assert_eq!(id.start().name(), "ID");
                            object.owner = Some(id.text().unwrap());
                        }
                        _ => {}
                    }
                }
                objects.push(object);
            }
            _ => {}
        }
    }
    assert!(root.next_tag().unwrap().is_none(), "stays at the end");
    assert_eq!(name.as_deref(), Some("example-bucket"));
    assert_eq!(prefix.as_deref(), Some(""));
    assert_eq!(truncated.as_deref(), Some("false"));
    assert_eq!(
        objects,
        [
            Object { key: Some("my&image.jpg".into()), size: Some("434234".into()), owner: Some("abc".into()) },
            Object { key: Some("a<b>c".into()), size: Some("0".into()), owner: None },
        ]
    );
}

#[test]
fn reads_nested_lists() {
    let xml = "<Root><List><member><Inner><member>1</member><member>2</member></Inner></member>\
               <member><Inner/></member><member><Inner></Inner></member></List></Root>";
    let mut d = doc(xml);
    let mut root = d.root().unwrap();
    let mut list = root.next_tag().unwrap().unwrap();
    let mut outer = Vec::new();
    while let Some(mut member) = list.next_tag().unwrap() {
        let mut inner = member.next_tag().unwrap().unwrap();
        let mut values = Vec::new();
        while let Some(mut value) = inner.next_tag().unwrap() {
            values.push(value.text().unwrap());
        }
        outer.push(values);
    }
    assert_eq!(outer, [vec!["1".to_owned(), "2".to_owned()], vec![], vec![]]);
    assert!(root.next_tag().unwrap().is_none());
}

#[test]
fn names_prefixes_and_attributes() {
    let xml = r#"<s3:Grant xmlns:s3="urn:s3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type='CanonicalUser' id="7" type="plain"/>"#;
    let mut d = doc(xml);
    let root = d.root().unwrap();
    let start = root.start();
    assert_eq!(start.name(), "s3:Grant");
    assert_eq!(start.local_name(), "Grant");
    assert_eq!(start.prefix(), Some("s3"));
    assert_eq!(start.attr("xsi:type"), Some("CanonicalUser"));
    assert_eq!(start.attr("type"), Some("plain"));
    assert_eq!(start.attr_local("type"), Some("CanonicalUser"), "the first match by local name");
    assert_eq!(start.attr("id"), Some("7"));
    assert_eq!(start.attr("missing"), None);
    assert_eq!(start.attr_local("s3"), None, "namespace declarations are not matched by local name");
    assert_eq!(start.attr("xmlns:s3"), Some("urn:s3"));
    assert_eq!(start.attributes().count(), 5);
    let mut d = doc("<a/>");
    assert_eq!(d.root().unwrap().start().prefix(), None);
}

#[test]
fn decodes_attribute_values() {
    let attr = |xml: &str| {
        let mut d = doc(xml);
        let root = d.root().unwrap();
        root.start().attr("v").unwrap().to_owned()
    };
    assert_eq!(attr(r#"<a v="&amp;&lt;&gt;&quot;&apos;&#x41;&#66;"/>"#), "&<>\"'AB");
    assert_eq!(attr("<a v='say \"hi\"'/>"), "say \"hi\"");
    assert_eq!(attr("<a v=\"a\tb\nc\r\nd\re\"/>"), "a b c d e", "whitespace is normalized");
    assert_eq!(attr(r#"<a v="a&#xD;&#xA;&#x9;b"/>"#), "a\r\n\tb", "but not when referenced");
    assert_eq!(attr(r#"<a v=""/>"#), "");
    assert_eq!(attr("<a v=\"ünï 😀 >\"/>"), "ünï 😀 >");
}

#[test]
fn expands_only_predefined_entities_and_character_references() {
    assert_eq!(root_text("<a>&amp;&lt;&gt;&quot;&apos;</a>").unwrap(), "&<>\"'");
    assert_eq!(root_text("<a>&#x41;&#65;&#x1F600;&#0;&#x1;</a>").unwrap(), "AA😀\u{0}\u{1}");
    assert_eq!(root_text("<a>x &amp;amp; y</a>").unwrap(), "x &amp; y", "expanded once");
}

#[test]
fn keeps_cdata_verbatim_and_joins_it_with_text() {
    assert_eq!(root_text("<a><![CDATA[<b>&amp;</b>]]></a>").unwrap(), "<b>&amp;</b>");
    assert_eq!(root_text("<a>x<![CDATA[]]]]><![CDATA[>]]>&amp;y</a>").unwrap(), "x]]>&y");
    assert_eq!(root_text("<a><![CDATA[]]></a>").unwrap(), "");
}

#[test]
fn returns_text_exactly() {
    assert_eq!(root_text("<a>  spaced  </a>").unwrap(), "  spaced  ");
    assert_eq!(root_text("<a> \n\t </a>").unwrap(), " \n\t ");
    assert_eq!(root_text("<a>line\r\nend\rcr&#xD;</a>").unwrap(), "line\nend\ncr\r");
    assert_eq!(root_text("<a>x<!-- gone -->y<?pi gone?>z</a>").unwrap(), "xyz");
    assert_eq!(root_text("<a></a>").unwrap(), "");
    assert_eq!(root_text("<a/>").unwrap(), "");
    assert_eq!(root_text("\u{feff}<a>bom</a>").unwrap(), "bom");
}

#[test]
fn text_borrows_when_it_can() {
    let mut d = doc("<R><a>plain</a><b>a&amp;b</b></R>");
    let mut root = d.root().unwrap();
    let mut a = root.next_tag().unwrap().unwrap();
    assert!(matches!(a.text_cow().unwrap(), Cow::Borrowed("plain")));
    drop(a);
    let mut b = root.next_tag().unwrap().unwrap();
    assert_eq!(b.text_cow().unwrap(), "a&b");
}

#[test]
fn ignores_whitespace_text_comments_and_instructions_between_elements() {
    let xml = "<?xml version='1.0'?>\n<!--c--><?pi x?>\n<Root>\n  <!-- c -->\n  <a>1</a>\n  stray text\n  <?pi?>\n  <b>2</b>\n</Root>\n<!-- after -->\n";
    assert_eq!(dumped(xml), r#"Root{a="1" b="2"}"#);
}

#[test]
fn skips_unknown_elements_at_any_depth() {
    let xml = "<Root><x1><x2><x3 a='1'>t<x4/></x3></x2></x1><Keep><y>1</y><Skip><z><z>deep</z></z></Skip><y>2</y></Keep><x/></Root>";
    let mut d = doc(xml);
    let mut root = d.root().unwrap();
    let mut ys = Vec::new();
    while let Some(mut child) = root.next_tag().unwrap() {
        if child.start().name() == "Keep" {
            while let Some(mut grandchild) = child.next_tag().unwrap() {
                if grandchild.start().name() == "y" {
                    ys.push(grandchild.text().unwrap());
                }
            }
        }
    }
    assert_eq!(ys, ["1", "2"]);
}

#[test]
fn moves_on_after_a_partly_read_child() {
    let xml = "<Root><A><b>1</b><c>2</c></A><D>3</D></Root>";
    let mut d = doc(xml);
    let mut root = d.root().unwrap();
    {
        let mut a = root.next_tag().unwrap().unwrap();
        let b = a.next_tag().unwrap().unwrap();
        assert_eq!(b.start().name(), "b");
        // Neither `b`'s text nor `c` is read.
    }
    let mut d_el = root.next_tag().unwrap().unwrap();
    assert_eq!(d_el.start().name(), "D");
    assert_eq!(d_el.text().unwrap(), "3");
    assert!(root.next_tag().unwrap().is_none());

    // `text()` after a child was partly read gives the text after that child.
    let mut d = doc("<a>x<b>y</b>z</a>");
    let mut root = d.root().unwrap();
    let b = root.next_tag().unwrap().unwrap();
    assert_eq!(b.start().name(), "b");
    drop(b);
    assert_eq!(root.text().unwrap(), "z");
}

#[test]
fn text_fails_on_a_child_element() {
    let message = error_of("<Root><a>x<b>y</b></a></Root>");
    assert!(message.contains("expected text in `<a>`, found element `<b>`"), "{message}");
}

#[test]
fn finish_reads_to_the_end_tag() {
    let mut d = doc("<R><A><x>1</x><y/></A><B/></R>");
    let mut root = d.root().unwrap();
    root.next_tag().unwrap().unwrap().finish().unwrap();
    assert_eq!(root.next_tag().unwrap().unwrap().start().name(), "B");
    let mut d = doc("<R><A><x>1</y></A></R>");
    let mut root = d.root().unwrap();
    let a = root.next_tag().unwrap().unwrap();
    let message = a.finish().unwrap_err().message().to_owned();
    assert!(message.contains("expected `</x>`, but `</y>` was found"), "{message}");
}

#[test]
fn empty_and_whitespace_bodies() {
    assert!(Document::for_body(b"").unwrap().is_none());
    assert!(Document::for_body(b" \r\n\t").unwrap().is_none());
    assert!(Document::for_body(b"<a/>").unwrap().is_some());
    assert!(Document::for_body(b"x").is_err());
    let message = Document::new(b"").unwrap_err().message().to_owned();
    assert!(message.contains("no XML element"), "{message}");
}

#[test]
fn the_root_is_read_once() {
    let mut d = doc("<a/>");
    drop(d.root().unwrap());
    assert!(d.root().unwrap_err().message().contains("already read"));
}

#[test]
fn nests_up_to_the_limit() {
    // Upper-case names: `dump` walks their children.
    let at_limit = format!("{}{}", "<A>".repeat(MAX_DEPTH), "</A>".repeat(MAX_DEPTH));
    assert!(dump_doc(&mut doc(&at_limit)).is_ok());
    let empty_at_limit = format!("{}<A/>{}", "<A>".repeat(MAX_DEPTH - 1), "</A>".repeat(MAX_DEPTH - 1));
    assert!(dump_doc(&mut doc(&empty_at_limit)).is_ok());
    for xml in [
        format!("{}{}", "<A>".repeat(MAX_DEPTH + 1), "</A>".repeat(MAX_DEPTH + 1)),
        format!("{}<A/>{}", "<A>".repeat(MAX_DEPTH), "</A>".repeat(MAX_DEPTH)),
    ] {
        let message = error_of(&xml);
        assert!(message.contains(&format!("nest more than {MAX_DEPTH} levels")), "{message}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let n = 100_000;
    let xml = format!("<Root>{}{}</Root>", "<A>".repeat(n), "</A>".repeat(n));
    // Read as an unknown element (skipped) and walked by a recursive reader.
    let skipped = read_error(xml.as_bytes(), |d| {
        let mut root = d.root()?;
        while root.next_tag()?.is_some() {}
        Ok(())
    });
    assert!(skipped.contains("nest more than"), "{skipped}");
    assert!(error_of(&xml).contains("nest more than"));
    // Unclosed, too.
    assert!(error_of(&"<A>".repeat(n)).contains("nest more than"));
    // A body that ends while an element is skipped names the element being read.
    let message = read_error(b"<Root><x><y>", |d| {
        let mut root = d.root()?;
        while root.next_tag()?.is_some() {}
        Ok(())
    });
    assert!(message.contains("the body ends inside `<Root>`"), "{message}");
}

// ---- malformed documents --------------------------------------------------------------------

#[test]
fn rejects_malformed_documents() {
    let cases: &[(&str, &str)] = &[
        ("<!-- only a comment -->", "no XML element"),
        ("text", "expected the root element"),
        ("x<a/>", "expected the root element"),
        ("&amp;<a/>", "expected the root element"),
        ("<![CDATA[x]]><a/>", "expected the root element"),
        ("</a>", "does not match any open tag"),
        ("<a/><b/>", "unexpected content after the root element"),
        ("<a></a>text", "unexpected content after the root element"),
        ("<a/><?xml version='1.0'?>", "unexpected content after the root element"),
        ("<a>", "the body ends inside `<a>`"),
        ("<R><a>x", "the body ends inside `<a>`"),
        ("<R><A>", "the body ends inside `<A>`"),
        ("<R><X><y>", "the body ends inside `<y>`"),
        ("<R><x><y>", "expected text in `<x>`, found element `<y>`"),
        ("<a></b>", "expected `</a>`, but `</b>` was found"),
        ("<R><a></A></R>", "expected `</a>`, but `</A>` was found"),
        ("<R><X><y></X></y></R>", "expected `</y>`, but `</X>` was found"),
        ("<a></a></a>", "`</a>` does not match any open tag"),
        ("<>", "is not an XML element name"),
        ("<1a/>", "`1a` is not an XML element name"),
        ("<a/ >", "is not an XML element name"),
        ("<R><x y/></R>", "bad attribute in `<x>`"),
        ("<a\u{1}/>", "is not an XML element name"),
        ("<R><1/></R>", "`1` is not an XML element name"),
        ("<a b='1' b='2'/>", "duplicated attribute"),
        ("<a b=1/>", "bad attribute in `<a>`"),
        ("<a b/>", "bad attribute in `<a>`"),
        ("<a 1b='x'/>", "`1b` is not an XML name"),
        ("<a b='<'/>", "`<` is not allowed in an attribute value"),
        ("<a b='&lol;'/>", "unknown entity `&lol;`"),
        ("<a b='&amp'/>", "is not closed by `;`"),
        ("<a>&lol;</a>", "unknown entity `&lol;`"),
        ("<a>& b</a>", "not closed"),
        ("<a>&#xD800;</a>", "`&#xD800;` is not a valid character reference"),
        ("<a>&#x110000;</a>", "is not a valid character reference"),
        ("<a>&#99999999999;</a>", "is not a valid character reference"),
        ("<a>&#X41;</a>", "is not a valid character reference"),
        ("<a>&#;</a>", "is not a valid character reference"),
        ("<a>&#x;</a>", "is not a valid character reference"),
        ("<a>&#12a;</a>", "is not a valid character reference"),
        ("<a>&#+1;</a>", "is not a valid character reference"),
        ("<a>&#x-1;</a>", "is not a valid character reference"),
        ("<R><x>&bogus;</x></R>", "unknown entity `&bogus;`"),
        ("<a><!-- x -- y --></a>", "`--`"),
        ("<a><!-- unclosed </a>", "comment"),
        ("<a><![CDATA[ unclosed </a>", "CDATA"),
        ("<a b='unclosed/>", "attribute value not closed"),
        ("<a", "closed"),
        ("<a><?xml version='1.0'?></a>", "an XML declaration must come first"),
        ("<!--c--><?xml version='1.0'?><a/>", "an XML declaration must come first"),
        ("<!DOCTYPE a><a/>", "a DOCTYPE is not allowed"),
        ("<a><!DOCTYPE a></a>", "a DOCTYPE is not allowed"),
        ("<a/><!DOCTYPE a>", "a DOCTYPE is not allowed"),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(xml, expected)| {
            let message = error_of(xml);
            (!message.contains(expected)).then(|| format!("{xml:?}: {message:?} should mention {expected:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn rejects_invalid_utf8_anywhere() {
    for body in [&b"\xff<a/>"[..], b"<a>\xc3</a>", b"<a b='\xed\xa0\x80'/>", b"<a\xfe/>", b"<a/>\x80", b"\xfe\xff\x00<\x00a\x00/\x00>"] {
        let message = Document::new(body).unwrap_err().message().to_owned();
        assert!(message.contains("not UTF-8"), "{message}");
    }
    let message = Document::new(b"<Root>caf\xe9</Root>").unwrap_err().to_string();
    assert_eq!(message, "invalid response: the body is not UTF-8: invalid byte at byte offset 9 (after `<Root>caf`)");
}

#[test]
fn refuses_billion_laughs() {
    let xml = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"#;
    let message = Document::new(xml.as_bytes()).unwrap_err().message().to_owned();
    assert!(message.contains("a DOCTYPE is not allowed"), "{message}");
    // Without the DOCTYPE the references are unknown entities, not expanded.
    assert!(error_of("<lolz>&lol3;</lolz>").contains("unknown entity `&lol3;`"));
    // An external entity, likewise.
    let xxe = r#"<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>"#;
    assert!(Document::new(xxe.as_bytes()).is_err());
}

#[test]
fn error_messages_say_where_and_quote_the_input() {
    let message = error_of("<Root>\n  <Name>x</Nmae>\n</Root>");
    assert_eq!(
        message,
        "invalid XML: ill-formed document: expected `</Name>`, but `</Nmae>` was found (byte offset 16, at `</Nmae>\\u{a}</Root>`)"
    );
    let message = error_of(&format!("<a>&{};</a>", "x".repeat(100)));
    assert!(message.contains("unknown entity `&xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…;`"), "{message}");
}

#[test]
fn errors_stick() {
    let mut d = doc("<R><a></b><c/></R>");
    let mut root = d.root().unwrap();
    let first = root.next_tag().unwrap().unwrap().text().unwrap_err();
    let again = root.next_tag().unwrap_err();
    assert_eq!(first, again);
}

#[test]
fn reads_huge_values() {
    let big = "v&amp;".repeat(200_000);
    let xml = format!("<a v=\"{big}\">{big}</a>");
    let mut d = doc(&xml);
    let mut root = d.root().unwrap();
    assert_eq!(root.start().attr("v").unwrap().len(), 400_000);
    assert_eq!(root.text().unwrap().len(), 400_000);
}

// ---- round trips ----------------------------------------------------------------------------

/// What the writer may be given: any string, with the troublesome characters made frequent.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop_oneof![
                Just("]]>".to_owned()),
                Just("\r\n".to_owned()),
                Just("\r".to_owned()),
                Just("&amp;".to_owned()),
                Just("<![CDATA[".to_owned()),
                Just("\u{fffe}\u{ffff}".to_owned()),
                Just(" \t\n".to_owned()),
                any::<char>().prop_map(String::from),
                (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap_or(' ').to_string()),
            ],
            0..16
        )
        .prop_map(|parts| parts.concat()),
    ]
}

#[derive(Debug, Clone)]
enum Tree {
    Leaf { name: String, attrs: Vec<(String, String)>, text: String },
    Node { name: String, attrs: Vec<(String, String)>, children: Vec<Tree> },
}

fn tree_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z_][A-Za-z0-9_.-]{0,8}",
        "[a-z]{1,3}:[A-Za-z][A-Za-z0-9]{0,5}",
        Just("Ünïcødé".to_owned()),
    ]
}

fn tree_attrs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(("[a-z]{1,4}", any_text()), 0..3).prop_map(|mut attrs| {
        // Attribute names must not repeat.
        let mut seen = std::collections::HashSet::new();
        attrs.retain(|(name, _)| seen.insert(name.clone()));
        attrs
    })
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = (tree_name(), tree_attrs(), any_text()).prop_map(|(name, attrs, text)| Tree::Leaf { name, attrs, text });
    leaf.prop_recursive(5, 48, 6, |inner| {
        (tree_name(), tree_attrs(), prop::collection::vec(inner, 0..6))
            .prop_map(|(name, attrs, children)| Tree::Node { name, attrs, children })
    })
}

fn write_tree(parent: &mut ElementWriter<'_, '_>, tree: &Tree) {
    let (name, attrs) = match tree {
        Tree::Leaf { name, attrs, .. } | Tree::Node { name, attrs, .. } => (name, attrs),
    };
    let mut open = parent.start(name);
    for (key, value) in attrs {
        open = open.attr(key, value);
    }
    let mut el = open.finish();
    match tree {
        Tree::Leaf { text, .. } => el.text(text),
        Tree::Node { children, .. } => {
            for child in children {
                write_tree(&mut el, child);
            }
        }
    }
}

fn check_tree(el: &mut ElementReader<'_, '_>, tree: &Tree) -> Result<(), TestCaseError> {
    let (name, attrs) = match tree {
        Tree::Leaf { name, attrs, .. } | Tree::Node { name, attrs, .. } => (name, attrs),
    };
    prop_assert_eq!(el.start().name(), name.as_str());
    let read: Vec<(String, String)> = el.start().attributes().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
    prop_assert_eq!(&read, attrs);
    match tree {
        Tree::Leaf { text, .. } => prop_assert_eq!(&el.text().map_err(|e| TestCaseError::fail(e.to_string()))?, text),
        Tree::Node { children, .. } => {
            for child in children {
                let next = el.next_tag().map_err(|e| TestCaseError::fail(e.to_string()))?;
                let mut next = next.ok_or_else(|| TestCaseError::fail("missing child"))?;
                check_tree(&mut next, child)?;
            }
            prop_assert!(el.next_tag().map_err(|e| TestCaseError::fail(e.to_string()))?.is_none());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn text_round_trips(text in any_text()) {
        let xml = written(|w| w.start("a").finish().text(&text));
        prop_assert_eq!(root_text(&xml).map_err(|e| TestCaseError::fail(e.to_string()))?, text);
    }

    #[test]
    fn attribute_values_round_trip(value in any_text()) {
        let xml = written(|w| w.start("a").attr("v", &value).end());
        let mut d = Document::new(xml.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let root = d.root().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(root.start().attr("v"), Some(value.as_str()));
    }

    #[test]
    fn trees_round_trip(children in prop::collection::vec(tree(), 0..4)) {
        let root_tree = Tree::Node { name: "Root".into(), attrs: Vec::new(), children };
        let mut w = XmlWriter::new();
        {
            let mut root = w.start("Root").ns("urn:test", None).finish();
            if let Tree::Node { children, .. } = &root_tree {
                for child in children {
                    write_tree(&mut root, child);
                }
            }
        }
        let xml = w.into_string();
        let mut d = Document::new(xml.as_bytes()).map_err(|e| TestCaseError::fail(format!("{e}: {xml}")))?;
        let mut root = d.root().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(root.start().attr("xmlns"), Some("urn:test"));
        let Tree::Node { children, .. } = &root_tree else { unreachable!() };
        for child in children {
            let mut next = root.next_tag().map_err(|e| TestCaseError::fail(e.to_string()))?
                .ok_or_else(|| TestCaseError::fail("missing child"))?;
            check_tree(&mut next, child)?;
        }
        prop_assert!(root.next_tag().map_err(|e| TestCaseError::fail(e.to_string()))?.is_none());
    }
}

// ---- hostile input --------------------------------------------------------------------------

/// Reads all of `body` the way a generated deserializer might, choosing for each element from
/// the bits of `choices` whether to read its text, walk its children or skip it. Returns how
/// many bytes of text and attribute values came out.
fn walk_all(body: &[u8], choices: u64) -> Result<usize, DeserializeError> {
    walk_document(body, choices, false)
}

/// [`walk_all`], but reading the text of `t` elements and the children of the others (still
/// skipping some), as a deserializer that knows the shape would.
fn walk_by_name(body: &[u8], choices: u64) -> Result<usize, DeserializeError> {
    walk_document(body, choices, true)
}

fn walk_document(body: &[u8], choices: u64, by_name: bool) -> Result<usize, DeserializeError> {
    let mut d = Document::new(body)?;
    let mut root = d.root()?;
    let mut count = 0;
    let mut out = 0;
    walk(&mut root, choices, by_name, &mut count, &mut out)?;
    // Whatever was left is skipped; then reading on stays at the end.
    while root.next_tag()?.is_some() {}
    assert!(root.next_tag()?.is_none());
    assert_eq!(root.text()?, "");
    Ok(out)
}

fn walk(
    el: &mut ElementReader<'_, '_>,
    choices: u64,
    by_name: bool,
    count: &mut u32,
    out: &mut usize,
) -> Result<(), DeserializeError> {
    *out += el.start().attributes().map(|(_, v)| v.len()).sum::<usize>();
    let mut choice = (choices >> (*count % 32 * 2)) & 3;
    *count += 1;
    if by_name && choice != 1 {
        choice = if el.start().name() == "t" { 0 } else { 2 };
    }
    match choice {
        0 => *out += el.text()?.len(),
        1 => {}
        _ => {
            while let Some(mut child) = el.next_tag()? {
                walk(&mut child, choices, by_name, count, out)?;
            }
        }
    }
    Ok(())
}

/// Pieces of XML, well-formed and not, for building hostile documents.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<a>".to_owned()),
        Just("</a>".to_owned()),
        Just("<B x='1' y=\"&amp;&#x41;\">".to_owned()),
        Just("</B>".to_owned()),
        Just("<c/>".to_owned()),
        Just("<p:d xmlns:p='u'>".to_owned()),
        Just("</p:d>".to_owned()),
        Just("&amp;".to_owned()),
        Just("&lt;&gt;&quot;&apos;".to_owned()),
        Just("&#65;&#x1F600;".to_owned()),
        Just("&lol;".to_owned()),
        Just("&#xD800;".to_owned()),
        Just("&".to_owned()),
        Just("<![CDATA[x]]>".to_owned()),
        Just("<![CDATA[".to_owned()),
        Just("]]>".to_owned()),
        Just("<!-- c -->".to_owned()),
        Just("<!--".to_owned()),
        Just("<?pi x?>".to_owned()),
        Just("<?xml version='1.0'?>".to_owned()),
        Just("<!DOCTYPE a [<!ENTITY lol 'lol'>]>".to_owned()),
        Just("<!ENTITY e 'x'>".to_owned()),
        Just("\r\n \t".to_owned()),
        Just("'\"=<>/".to_owned()),
        "[a-z &;<>/=\"'#x0-9!\\[\\]?-]{0,6}",
        any::<char>().prop_map(String::from),
    ]
}

/// Mostly well-formed documents whose text and attribute values are full of references, CDATA,
/// comments and line ends, with now and then an undeclared entity or a DOCTYPE.
fn hostile_document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        40 => prop_oneof![
            Just("&amp;"), Just("&lt;"), Just("&gt;"), Just("&quot;"), Just("&apos;"),
            Just("&#65;"), Just("&#x41;"), Just("&#x1F600;"), Just("&#x1;"), Just("&#0;"),
            Just("&#xD;"), Just("\r\n"), Just("\r"), Just(" \t"), Just("]]&gt;"),
        ].prop_map(str::to_owned),
        20 => "[a-zA-Z0-9 ]{0,6}",
        1 => Just("&lol;".to_owned()),
        1 => Just("&#xD800;".to_owned()),
    ];
    let text = prop::collection::vec(piece.clone(), 0..8).prop_map(|p| p.concat());
    let content = prop::collection::vec(
        prop_oneof![
            6 => text.clone(),
            1 => text.clone().prop_map(|t| format!("<![CDATA[{}]]>", t.replace("]]>", ""))),
            1 => Just("<!-- comment -->".to_owned()),
            1 => Just("<?pi data?>".to_owned()),
        ],
        0..4,
    )
    .prop_map(|p| p.concat());
    let attrs = prop::collection::vec(("[a-z]{1,2}", text.clone()), 0..3).prop_map(|attrs| {
        let mut seen = std::collections::HashSet::new();
        attrs
            .into_iter()
            .filter(|(name, _)| seen.insert(name.clone()))
            .map(|(name, value)| format!(" {name}=\"{}\"", value.replace(['"', '<'], "")))
            .collect::<String>()
    });
    let leaf = (attrs.clone(), content).prop_map(|(attrs, content)| format!("<t{attrs}>{content}</t>"));
    let element = leaf.prop_recursive(6, 64, 5, move |inner| {
        (attrs.clone(), prop::collection::vec(inner, 0..5), "[ \n]{0,2}")
            .prop_map(|(attrs, children, space)| format!("<N{attrs}>{space}{}</N>", children.join(&space)))
    });
    (element, prop_oneof![9 => Just(""), 1 => Just("<!DOCTYPE N [<!ENTITY lol \"lol\">]>")])
        .prop_map(|(root, doctype)| format!("<?xml version=\"1.0\"?>{doctype}{root}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn references_never_expand(body in hostile_document(), choices in any::<u64>()) {
        let walked = walk_by_name(body.as_bytes(), choices);
        if let Ok(out) = walked {
            // Every reference is shorter than what it stands for, so nothing read can be
            // longer than the body it came from.
            prop_assert!(out <= body.len(), "{} bytes out of {} in {:?}", out, body.len(), body);
        } else {
            let message = walked.unwrap_err().to_string();
            prop_assert!(
                body.contains("DOCTYPE") || body.contains("&lol;") || body.contains("&#xD800;"),
                "{:?} fails: {}", body, message
            );
        }
    }

    #[test]
    fn random_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..256), choices in any::<u64>()) {
        let _ = walk_all(&body, choices);
        let _ = Document::for_body(&body);
    }

    #[test]
    fn hostile_xml_never_panics_and_never_expands(
        parts in prop::collection::vec(fragment(), 0..40),
        choices in any::<u64>(),
    ) {
        let body = parts.concat();
        if let Ok(out) = walk_all(body.as_bytes(), choices) {
            // Every reference is shorter than what it stands for, so nothing read can be
            // longer than the body it came from.
            prop_assert!(out <= body.len(), "{} bytes out of {} in {:?}", out, body.len(), body);
        }
    }

    #[test]
    fn wrapped_hostile_xml_never_panics(
        parts in prop::collection::vec(fragment(), 0..40),
        choices in any::<u64>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let body = format!("<Root><a>{}</a></Root>", parts.concat());
        let _ = walk_all(body.as_bytes(), choices);
        // Cut anywhere, even inside a character.
        let bytes = body.as_bytes();
        let _ = walk_all(&bytes[..cut.index(bytes.len() + 1)], choices);
    }

    #[test]
    fn corrupted_documents_never_panic(
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        choices in any::<u64>(),
    ) {
        let mut body = LIST_OBJECTS.as_bytes().to_vec();
        let i = at.index(body.len());
        body[i] = byte;
        let _ = walk_all(&body, choices);
    }
}
