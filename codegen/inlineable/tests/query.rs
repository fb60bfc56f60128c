//! The awsQuery / ec2Query body writer and key builder.

use inlineable::query::*;
use proptest::prelude::*;

#[test]
fn starts_with_action_and_version() {
    let w = QueryWriter::new("ListUsers", "2010-05-08");
    assert_eq!(w.as_str(), "Action=ListUsers&Version=2010-05-08");
    assert_eq!(w.into_bytes(), b"Action=ListUsers&Version=2010-05-08");
}

#[test]
fn writes_pairs_and_empty_values() {
    let mut w = QueryWriter::new("SetQueueAttributes", "2012-11-05");
    w.pair("QueueUrl", "https://sqs.us-east-1.amazonaws.com/1/q");
    w.pair("Attribute.1.Name", "Policy");
    w.pair("Empty", "");
    w.empty("Tags");
    assert_eq!(
        w.as_str(),
        "Action=SetQueueAttributes&Version=2012-11-05\
         &QueueUrl=https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F1%2Fq\
         &Attribute.1.Name=Policy&Empty=&Tags="
    );
}

#[test]
fn percent_encodes_everything_but_unreserved() {
    let encoded = |value: &str| {
        let mut w = QueryWriter::new("A", "V");
        w.pair("k", value);
        w.as_str().strip_prefix("Action=A&Version=V&k=").unwrap().to_owned()
    };
    assert_eq!(encoded("AZaz09-_.~"), "AZaz09-_.~");
    assert_eq!(encoded("a b"), "a%20b");
    assert_eq!(encoded("+&=/?#%"), "%2B%26%3D%2F%3F%23%25");
    assert_eq!(encoded("!*'()[]{}:;,@$\"<>\\^`|"), "%21%2A%27%28%29%5B%5D%7B%7D%3A%3B%2C%40%24%22%3C%3E%5C%5E%60%7C");
    assert_eq!(encoded("\n\r\t\u{0}\u{7f}"), "%0A%0D%09%00%7F");
    assert_eq!(encoded("é😀"), "%C3%A9%F0%9F%98%80");
    assert_eq!(encoded("xé😀y"), "x%C3%A9%F0%9F%98%80y");
    let mut w = QueryWriter::new("Do It", "1/2");
    w.pair("a b", "c");
    w.empty("d&e");
    assert_eq!(w.as_str(), "Action=Do%20It&Version=1%2F2&a%20b=c&d%26e=");
}

#[test]
fn the_module_documentation_example() {
    let mut w = QueryWriter::new("SendMessage", "2012-11-05");
    w.pair("QueueUrl", "https://sqs/1/q");
    let mut key = QueryKey::new("MessageAttribute");
    let entry = key.push_index(1);
    let name = key.push("Name");
    w.pair(key.as_str(), "a b");
    key.truncate(name);
    key.truncate(entry);
    assert_eq!(key.as_str(), "MessageAttribute");
    assert_eq!(
        w.as_str(),
        "Action=SendMessage&Version=2012-11-05&QueueUrl=https%3A%2F%2Fsqs%2F1%2Fq&MessageAttribute.1.Name=a%20b"
    );
}

#[test]
fn builds_keys_in_one_buffer() {
    let mut key = QueryKey::new("Filters");
    let mut w = QueryWriter::new("DescribeInstances", "2016-11-15");
    for (i, (name, values)) in [("tag:Name", &["a", "b"][..]), ("state", &[][..])].iter().enumerate() {
        let filter = key.push("member");
        key.push_index(i + 1);
        let name_mark = key.push("Name");
        w.pair(key.as_str(), name);
        key.truncate(name_mark);
        let values_mark = key.push("Values");
        if values.is_empty() {
            w.empty(key.as_str());
        }
        for (j, value) in values.iter().enumerate() {
            let item = key.push("member");
            key.push_index(j + 1);
            w.pair(key.as_str(), value);
            key.truncate(item);
        }
        key.truncate(values_mark);
        key.truncate(filter);
        assert_eq!(key.as_str(), "Filters");
    }
    assert_eq!(
        w.as_str(),
        "Action=DescribeInstances&Version=2016-11-15\
         &Filters.member.1.Name=tag%3AName\
         &Filters.member.1.Values.member.1=a&Filters.member.1.Values.member.2=b\
         &Filters.member.2.Name=state&Filters.member.2.Values="
    );
}

#[test]
fn key_edges() {
    let mut key = QueryKey::new("");
    assert_eq!(key.as_str(), "");
    let mark = key.push("Top");
    assert_eq!((mark, key.as_str()), (0, "Top"));
    key.push_index(0);
    key.push_index(usize::MAX);
    assert_eq!(key.as_str(), format!("Top.0.{}", usize::MAX));
    key.truncate(1000);
    assert_eq!(key.as_str(), format!("Top.0.{}", usize::MAX), "a mark past the end changes nothing");
    let mut key = QueryKey::new("é");
    key.truncate(1);
    assert_eq!(key.as_str(), "é", "a mark inside a character changes nothing");
    key.truncate(0);
    assert_eq!(key.as_str(), "");
    assert_eq!(QueryKey::default().as_str(), "");
    let mut key = QueryKey::new("");
    key.push_index(7);
    assert_eq!(key.as_str(), "7");
}

/// Decodes `%XX` escapes, as a form parser would (no `+` for space).
fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut iter = text.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex = [iter.next()?, iter.next()?];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8(bytes).ok()
}

proptest! {
    #[test]
    fn pairs_round_trip(pairs in prop::collection::vec((any::<String>(), any::<String>()), 0..8)) {
        let mut w = QueryWriter::new("Act", "2020-01-01");
        for (key, value) in &pairs {
            w.pair(key, value);
        }
        let body = w.as_str().to_owned();
        prop_assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)));
        let parts: Vec<(String, String)> = body
            .split('&')
            .map(|part| {
                let (k, v) = part.split_once('=').unwrap();
                (percent_decode(k).unwrap(), percent_decode(v).unwrap())
            })
            .collect();
        prop_assert_eq!(&parts[..2], &[("Action".to_owned(), "Act".to_owned()), ("Version".to_owned(), "2020-01-01".to_owned())]);
        prop_assert_eq!(&parts[2..], &pairs[..]);
    }

    #[test]
    fn keys_truncate_back(segments in prop::collection::vec(prop_oneof!["[A-Za-z]{1,8}".prop_map(Some), Just(None)], 0..12)) {
        let mut key = QueryKey::new("Root");
        let mut marks = Vec::new();
        let mut states = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            states.push(key.as_str().to_owned());
            marks.push(match segment {
                Some(name) => key.push(name),
                None => key.push_index(i + 1),
            });
        }
        while let (Some(mark), Some(state)) = (marks.pop(), states.pop()) {
            key.truncate(mark);
            prop_assert_eq!(key.as_str(), state.as_str());
        }
        prop_assert_eq!(key.as_str(), "Root");
    }
}
