//! Bad JSON bodies: whole documents that are not the route's, and each
//! field of a route's body removed, nulled, of the wrong type, huge or deep.

use aftercart_tests::Value;

/// Stands in for the node a mutation replaces, in the serialized body.
const MARK: &str = "@@mutated@@";

/// What a whole JSON body may be instead of the route's document.
pub fn bad_documents(base: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let with = |prefix: &[u8], suffix: &[u8]| [prefix, base, suffix].concat();
    let mut extra = base.to_vec();
    extra.pop();
    let extended = |field: &str| [&extra[..], b",", field.as_bytes(), b"}"].concat();
    vec![
        ("empty", Vec::new()),
        ("truncated", base[..base.len() / 2].to_vec()),
        ("unclosed brace", b"{".to_vec()),
        ("an array", b"[]".to_vec()),
        ("null", b"null".to_vec()),
        ("true", b"true".to_vec()),
        ("a number", b"0".to_vec()),
        ("a string", b"\"x\"".to_vec()),
        ("an empty object", b"{}".to_vec()),
        ("deep arrays", "[".repeat(10_000).into_bytes()),
        (
            "deep objects",
            format!("{}1{}", "{\"a\":".repeat(2000), "}".repeat(2000)).into_bytes(),
        ),
        ("bad UTF-8", b"{\"x\":\"\xff\xfe\"}".to_vec()),
        ("overlong UTF-8", b"{\"x\":\"\xc0\xaf\"}".to_vec()),
        ("a lone surrogate", b"{\"x\":\"\\ud800\"}".to_vec()),
        ("UTF-16", b"\xff\xfe{\0}\0".to_vec()),
        ("a byte order mark", with(b"\xef\xbb\xbf", b"")),
        ("trailing garbage", with(b"", b"x")),
        ("two documents", with(b"", &[b"\n", base].concat())),
        ("an extra field", extended("\"unexpected\":true")),
        (
            "a prototype field",
            extended("\"__proto__\":{\"admin\":true}"),
        ),
        (
            "a duplicate field",
            extended(&String::from_utf8_lossy(&base[1..base.len() - 1])),
        ),
        (
            "over the size limit",
            extended(&format!("\"pad\":\"{}\"", "a".repeat(20 * 1024))),
        ),
    ]
}

/// Every node below the root, as the keys and indexes that reach it.
fn nodes(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                at.push(Step::Key(key.clone()));
                out.push(at.clone());
                nodes(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Step::Index(i));
                out.push(at.clone());
                nodes(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn node_mut<'v>(value: &'v mut Value, path: &[Step]) -> &'v mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// Each field of `base` removed, nulled, of the wrong type, deep, and
/// (by its type) huge, out of range or with control characters:
/// `(label, body)`.
pub fn field_mutants(base: &Value) -> Vec<(String, Vec<u8>)> {
    let mut paths = Vec::new();
    nodes(base, &mut Vec::new(), &mut paths);
    let mut out = Vec::new();
    for path in paths {
        let name = path
            .iter()
            .map(|step| match step {
                Step::Key(k) => format!(".{k}"),
                Step::Index(i) => format!("[{i}]"),
            })
            .collect::<String>();
        let (parent, last) = path.split_at(path.len() - 1);
        let mut removed = base.clone();
        match (node_mut(&mut removed, parent), &last[0]) {
            (Value::Object(map), Step::Key(k)) => {
                map.remove(k);
            }
            (Value::Array(items), Step::Index(i)) => {
                items.remove(*i);
            }
            _ => unreachable!("a path ends in its parent's key or index"),
        }
        out.push((format!("{name} missing"), to_vec(&removed)));
        let original = node_mut(&mut base.clone(), &path).clone();
        let huge_string = format!("\"{}\"", "é".repeat(3000));
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let mut raws = vec![("null", "null"), ("deeply nested", deep.as_str())];
        // Each value of the wrong type once; out-of-range values of its own.
        match original {
            Value::String(_) => raws.extend([
                ("of the wrong type", "12345"),
                ("a huge string", huge_string.as_str()),
                ("a control character", "\"a\\u0000b\\u202e\""),
            ]),
            Value::Number(_) => raws.extend([
                ("of the wrong type", "\"12\""),
                ("1e400", "1e400"),
                ("2^64", "18446744073709551616"),
                ("-1", "-1"),
                ("a fraction", "0.5"),
            ]),
            Value::Bool(_) => raws.push(("of the wrong type", "\"true\"")),
            Value::Array(_) => raws.push(("of the wrong type", "{}")),
            Value::Object(_) => raws.push(("of the wrong type", "[]")),
            Value::Null => raws.push(("of the wrong type", "0")),
        }
        for (what, raw) in raws {
            let mut marked = base.clone();
            *node_mut(&mut marked, &path) = Value::String(MARK.into());
            let text = String::from_utf8(to_vec(&marked)).expect("JSON is UTF-8");
            let body = text.replace(&format!("\"{MARK}\""), raw);
            out.push((format!("{name} {what}"), body.into_bytes()));
        }
    }
    out
}

pub fn to_vec(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("serializable")
}
