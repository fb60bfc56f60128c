//! What the coverage-guided targets in `fuzz_targets/` share: how a fuzzer input becomes a
//! generator call or an HTTP response, and what is done with a parsed result.
//!
//! The parse targets read their input in the text form of the checked-in seeds
//! (`tests/fuzz-seeds/<target>/*.http`): the status on the first line, `name: value` header
//! lines, an empty line, then the body. So the seeds are valid inputs as they are, and
//! libFuzzer's byte and dictionary mutations act on the status, headers and body alike.

/// Runs the generator on `text`; only a panic (or a hang) is a finding. Returns whether it
/// generated a crate (rather than refusing the model).
pub fn generate(text: &str, selection: codegen::Selection, protocol_tests: bool) -> bool {
    let options = codegen::Options {
        selection,
        emit: codegen::EmitOptions { generated_by: "fuzz".to_string(), protocol_tests },
    };
    codegen::generate(text, &options).is_ok()
}

/// The response a fuzzer input stands for (see the module documentation). A first line that is
/// not a status code gives 200; header lines `http` refuses (a bad name or value) are left out.
pub fn response(data: &[u8]) -> http::Response<Vec<u8>> {
    let (first, mut rest) = split_line(data);
    let status = std::str::from_utf8(first)
        .ok()
        .and_then(|line| line.trim().parse::<u16>().ok())
        .and_then(|code| http::StatusCode::from_u16(code).ok())
        .unwrap_or(http::StatusCode::OK);
    let mut headers = http::HeaderMap::new();
    while !rest.is_empty() {
        let (line, after) = split_line(rest);
        rest = after;
        if line.is_empty() {
            break;
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        let name = line[..colon].trim_ascii();
        let value = line[colon + 1..].trim_ascii_start();
        if let (Ok(name), Ok(value)) = (http::HeaderName::from_bytes(name), http::HeaderValue::from_bytes(value)) {
            headers.append(name, value);
        }
    }
    let mut response = http::Response::new(rest.to_vec());
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    response
}

/// The bytes before the first `\n` and those after it (all and nothing when there is none).
fn split_line(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[]),
    }
}

/// Calls `$krate::operation::$op::parse_response` on the response `$data` stands for, then uses
/// everything the result offers (`Debug`, `Display`, `Clone`, `PartialEq`, the error metadata),
/// so that a panic anywhere in parsing or in showing the result is found.
#[macro_export]
macro_rules! parse_and_show {
    ($krate:ident :: $op:ident, $data:expr) => {{
        use ::$krate::{ProvideErrorMetadata, RequestId};
        let response = $crate::response($data);
        match ::$krate::operation::$op::parse_response(&response) {
            Ok(output) => {
                let _ = format!("{output:?}");
                let _ = (output.request_id(), output.extended_request_id());
                let _ = output.clone() == output;
            }
            Err(error) => {
                let _ = format!("{error} {error:?}");
                let _ = (error.code(), error.message(), error.request_id(), error.extended_request_id());
                let _ = (error.is_retryable(), error.is_throttling(), error.meta().clone());
                let _ = ::std::error::Error::source(&error).map(|source| source.to_string());
            }
        }
    }};
}
