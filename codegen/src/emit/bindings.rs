//! The HTTP binding traits, shared by the REST protocols (restJson1, restXml) and used by the
//! RPC ones for their fixed method and URI: labels, query parameters, headers, prefix headers,
//! the status code, and payloads of bytes and text. Bodies are the body codecs' business.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ident, rust_type};
use crate::ir::checksum::HttpChecksum;
use crate::ir::http::{HostPart, HostPrefix, HttpMethod, TimestampFormat, UriPattern, UriSegment};
use crate::ir::{Field, HttpBinding, Struct, Ty, TyKind};

/// Where a value is written as text: each location has its own timestamp format.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Location {
    Label,
    Query,
    Header,
}

/// What `serialize_request` does beyond the HTTP binding traits of its input.
pub struct RequestParts {
    pub method: HttpMethod,
    pub uri: UriPattern,
    /// Statements adding the protocol's own headers to `headers` (such as `X-Amz-Target`).
    pub headers: TokenStream,
    /// Statements defining `body: Vec<u8>` (and setting `Content-Type` in `headers`).
    pub body: TokenStream,
    /// `@httpChecksumRequired` without a flexible checksum: send `Content-MD5`.
    pub content_md5: bool,
    /// `aws.protocols#httpChecksum`: the request's flexible checksum.
    pub checksum: Option<HttpChecksum>,
    /// `@requestCompression`: gzip a large body.
    pub gzip: bool,
    /// Headers with fixed values, after the protocol's own (a service customization).
    pub constant_headers: Vec<(String, String)>,
    /// Glacier's SHA-256 and tree-hash headers of the body.
    pub tree_hash: bool,
}

impl RequestParts {
    /// A request with the given method, URI pattern and body, and nothing else special.
    pub fn new(method: HttpMethod, uri: UriPattern, body: TokenStream, op: &crate::ir::Operation) -> Self {
        RequestParts {
            method,
            uri,
            headers: TokenStream::new(),
            body,
            content_md5: op.content_md5(),
            checksum: op.checksum.clone().filter(HttpChecksum::checksums_requests),
            gzip: op.gzip_request,
            constant_headers: op.constant_headers.clone(),
            tree_hash: op.tree_hash_checksums,
        }
    }
}

/// The body of `serialize_request`: URI, headers and body, then the request; `input` is in scope.
pub fn request(input: &Struct, parts: &RequestParts) -> TokenStream {
    let uri = parts.uri.to_string();
    let mut path = Vec::new();
    let mut literal = String::new();
    for segment in &parts.uri.segments {
        literal.push('/');
        let label = match segment {
            UriSegment::Label { name, greedy } => label_field(input, name).map(|f| (f, *greedy)),
            UriSegment::Literal(_) => None,
        };
        match label {
            Some((field, greedy)) => {
                path.push(push_str(quote!(path), &literal));
                literal.clear();
                path.push(label_push(field, greedy, field.label_default.as_deref(), field.trims_resource_id));
            }
            // A label no input member is bound to stays in the path as the model wrote it.
            None => literal.push_str(&segment_text(segment)),
        }
    }
    if let Some(query) = &parts.uri.query {
        literal.push('?');
        literal.push_str(query);
    }
    if !literal.is_empty() {
        path.push(push_str(quote!(path), &literal));
    }
    let queries = input.fields.iter().filter_map(|f| match &f.http {
        HttpBinding::Query(name) => Some(query_push(f, name, f.trims_resource_id)),
        _ => None,
    });
    let query_params = input.fields.iter().filter(|f| f.http == HttpBinding::QueryParams).map(query_params_push);
    let headers = input.fields.iter().filter_map(|f| match &f.http {
        HttpBinding::Header(name) => Some(header_insert(f, name)),
        HttpBinding::PrefixHeaders(prefix) => Some(prefix_headers_insert(f, prefix)),
        _ => None,
    });
    let body = &parts.body;
    let target = &parts.headers;
    let constant_headers = parts.constant_headers.iter().map(|(name, value)| quote!(crate::wire::insert_header(&mut headers, #name, #value, "")?;));
    let gzip = parts.gzip.then(|| quote!(let body = crate::wire::gzip_body(&mut headers, body)?;));
    let tree_hash = parts.tree_hash.then(|| quote!(crate::wire::glacier_checksums(&mut headers, &body)?;));
    let endpoint_override = input.fields.iter().find(|f| f.endpoint_override).map(endpoint_override);
    let content_md5 = parts.content_md5.then(|| {
        quote!(crate::wire::insert_header(&mut headers, "Content-MD5", &crate::wire::content_md5(&body), "body")?;)
    });
    let checksum = parts.checksum.as_ref().map(request_checksum);
    let method = match &parts.method {
        HttpMethod::Other(other) => quote! {
            ::http::Method::from_bytes(#other.as_bytes()).map_err(|e| crate::error::SerializeError::new("method", e.to_string()))?
        },
        known => {
            let m = format_ident!("{}", known.as_str());
            quote!(::http::Method::#m)
        }
    };
    let has_labels = input.fields.iter().any(|f| f.http == HttpBinding::Label);
    let has_queries = input.fields.iter().any(|f| matches!(f.http, HttpBinding::Query(_) | HttpBinding::QueryParams));
    // A URI with nothing to fill in is a constant, parsed once by `http`.
    let build_uri = if !has_labels && !has_queries && is_plain_uri(&uri) {
        quote!(let mut uri = ::http::Uri::from_static(#uri);)
    } else {
        quote! {
            let mut path = ::std::string::String::new();
            #(#path)*
            let mut uri = crate::wire::UriBuilder::new(path);
            #(#queries)*
            #(#query_params)*
            let mut uri = uri.build().parse::<::http::Uri>().map_err(|e| crate::error::SerializeError::new("uri", e.to_string()))?;
        }
    };
    quote! {
        #build_uri
        let mut headers = ::http::HeaderMap::new();
        #target
        #(#constant_headers)*
        #(#headers)*
        #body
        #gzip
        if !body.is_empty() {
            headers.insert(::http::header::CONTENT_LENGTH, ::http::HeaderValue::from(body.len()));
        }
        #content_md5
        #checksum
        #tree_hash
        #endpoint_override
        let mut request = ::http::Request::new(body);
        *request.method_mut() = #method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        ::std::result::Result::Ok(request)
    }
}

/// Adds the flexible checksum: the algorithm the caller chose in the input, else CRC32 when the
/// operation requires a checksum.
fn request_checksum(checksum: &HttpChecksum) -> TokenStream {
    let none = quote!(::std::option::Option::None);
    let (chosen, header) = match &checksum.request_algorithm {
        Some(member) => {
            let field = ident(&member.field);
            let chosen = match (member.optional, member.is_enum) {
                (true, true) => quote!(input.#field.as_ref().map(|a| a.as_str())),
                (true, false) => quote!(input.#field.as_deref()),
                (false, _) => quote!(::std::option::Option::Some(input.#field.as_str())),
            };
            let header = member.header.as_deref().map_or_else(|| none.clone(), |h| quote!(::std::option::Option::Some(#h)));
            (chosen, header)
        }
        None => (none.clone(), none),
    };
    let required = checksum.request_required;
    quote!(crate::checksums::add_request_checksum(&mut headers, &body, #chosen, #required, #header)?;)
}

/// `target.push_str(text)`, or `push` for one character, as clippy prefers.
fn push_str(target: TokenStream, text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => quote!(#target.push(#c);),
        _ => quote!(#target.push_str(#text);),
    }
}

/// Whether `http::Uri::from_static` takes `uri` as it is: a path (and query) of plain URI characters.
fn is_plain_uri(uri: &str) -> bool {
    uri.starts_with('/') && uri.bytes().all(|b| b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@?%".contains(&b))
}

/// Sends the request to the endpoint the member names, when it is set and not empty (Machine
/// Learning's `Predict`).
fn endpoint_override(field: &Field) -> TokenStream {
    let name = ident(&field.name);
    let value = if field.optional { quote!(input.#name.as_deref()) } else { quote!(::std::option::Option::Some(input.#name.as_str())) };
    quote! {
        if let ::std::option::Option::Some(endpoint) = #value.filter(|e| !e.is_empty()) {
            let mut pointed = ::http::Request::new(());
            *pointed.uri_mut() = uri;
            crate::wire::apply_endpoint(&mut pointed, endpoint, "")?;
            uri = pointed.into_parts().0.uri;
        }
    }
}

/// A segment as the model wrote it, without its leading `/`.
fn segment_text(segment: &UriSegment) -> String {
    match segment {
        UriSegment::Literal(text) => text.clone(),
        UriSegment::Label { name, greedy: false } => format!("{{{name}}}"),
        UriSegment::Label { name, greedy: true } => format!("{{{name}+}}"),
    }
}

fn label_field<'a>(input: &'a Struct, name: &str) -> Option<&'a Field> {
    input.fields.iter().find(|f| f.member_name == name && f.http == HttpBinding::Label)
}

/// Binds `value` to the member's value (`&T`), or returns a `SerializeError` when it is unset.
fn required_value(f: &Field, receiver: TokenStream, why: &str) -> TokenStream {
    let name = ident(&f.name);
    let member = &f.member_name;
    if f.optional {
        quote! {
            let value = #receiver.#name.as_ref().ok_or_else(|| crate::error::SerializeError::new(#member, #why))?;
        }
    } else {
        quote!(let value = &#receiver.#name;)
    }
}

/// The value a string member puts in the URI: as it is, or without its resource-type prefix.
fn uri_value(trim_id: bool) -> TokenStream {
    if trim_id {
        quote!(crate::wire::trim_resource_id(value))
    } else {
        quote!(value)
    }
}

fn label_push(f: &Field, greedy: bool, default: Option<&str>, trim_id: bool) -> TokenStream {
    let member = &f.member_name;
    let name = ident(&f.name);
    let (value, text) = match default {
        // Only string labels have defaults: an unset or empty one takes it.
        Some(default) if f.optional => (quote!(let value = input.#name.as_deref().filter(|v| !v.is_empty()).unwrap_or(#default);), quote!(value)),
        Some(default) => (quote!(let value = ::std::option::Option::Some(input.#name.as_str()).filter(|v| !v.is_empty()).unwrap_or(#default);), quote!(value)),
        None => (required_value(f, quote!(input), "the URI label is required"), text_of(&f.ty, &uri_value(trim_id), Location::Label)),
    };
    quote! {
        {
            #value
            let text = #text;
            if text.is_empty() {
                return ::std::result::Result::Err(crate::error::SerializeError::new(#member, "the URI label must not be empty"));
            }
            path.push_str(&crate::wire::encode_label(&text, #greedy));
        }
    }
}

/// Runs `body` with `value` bound to the member's value when it is set.
fn when_set(f: &Field, receiver: TokenStream, body: TokenStream) -> TokenStream {
    let name = ident(&f.name);
    if f.optional {
        quote! {
            if let ::std::option::Option::Some(value) = &#receiver.#name {
                #body
            }
        }
    } else {
        quote!({ let value = &#receiver.#name; #body })
    }
}

fn query_push(f: &Field, key: &str, trim_id: bool) -> TokenStream {
    let body = match &f.ty.kind {
        TyKind::List { item, .. } => {
            let text = text_of(item, &quote!(item), Location::Query);
            quote!(for item in value { uri.query(#key, &#text); })
        }
        _ => {
            let text = text_of(&f.ty, &uri_value(trim_id), Location::Query);
            quote!(uri.query(#key, &#text);)
        }
    };
    when_set(f, quote!(input), body)
}

fn query_params_push(f: &Field) -> TokenStream {
    let TyKind::Map { value: item, .. } = &f.ty.kind else { return TokenStream::new() };
    let body = match &item.kind {
        TyKind::List { item, .. } => {
            let text = text_of(item, &quote!(item), Location::Query);
            quote!(for item in items { uri.query(key, &#text); })
        }
        _ => {
            let text = text_of(item, &quote!(items), Location::Query);
            quote!(uri.query(key, &#text);)
        }
    };
    when_set(
        f,
        quote!(input),
        quote! {
            for (key, items) in value {
                if !uri.has_query(key) {
                    #body
                }
            }
        },
    )
}

fn header_insert(f: &Field, name: &str) -> TokenStream {
    let member = &f.member_name;
    let body = match &f.ty.kind {
        TyKind::List { item, .. } => {
            let text = text_of(item, &quote!(item), Location::Header);
            let join = if is_http_date(item, Location::Header) {
                quote!(crate::wire::join_http_date_list(items.iter().map(::std::string::String::as_str)))
            } else {
                quote!(crate::wire::join_header_list(items.iter().map(::std::string::String::as_str)))
            };
            quote! {
                let mut items = ::std::vec::Vec::with_capacity(value.len());
                for item in value {
                    items.push(#text);
                }
                crate::wire::insert_header(&mut headers, #name, &#join, #member)?;
            }
        }
        _ => {
            let text = text_of(&f.ty, &quote!(value), Location::Header);
            quote!(crate::wire::insert_header(&mut headers, #name, &#text, #member)?;)
        }
    };
    when_set(f, quote!(input), body)
}

fn prefix_headers_insert(f: &Field, prefix: &str) -> TokenStream {
    let member = &f.member_name;
    when_set(
        f,
        quote!(input),
        quote! {
            for (key, item) in value {
                crate::wire::insert_header(&mut headers, &::std::format!("{}{}", #prefix, key), item, #member)?;
            }
        },
    )
}

/// Sets `Content-Type` to `default` unless a member already set it.
pub fn content_type(default: &str) -> TokenStream {
    quote! {
        if !headers.contains_key(::http::header::CONTENT_TYPE) {
            headers.insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(#default));
        }
    }
}

/// Statements defining `body` from an `httpPayload` member. Blobs, strings and enums travel as
/// they are; a structure, union or document is written by `structured`, the body codec: it gets
/// `value` (a `&T`) in scope and is an expression of type `Vec<u8>`, and `empty` is the body of an
/// unset structure payload (`None`: no body).
pub fn payload_body(f: &Field, structured: TokenStream, empty: Option<TokenStream>, media_default: &str) -> TokenStream {
    let name = ident(&f.name);
    let media = f.ty.media_type.as_deref();
    let set = |bytes: TokenStream, default_type: &str| {
        let content_type = content_type(media.unwrap_or(default_type));
        if f.optional {
            quote! {
                let body = match &input.#name {
                    ::std::option::Option::Some(value) => { #content_type #bytes }
                    ::std::option::Option::None => ::std::vec::Vec::new(),
                };
            }
        } else {
            quote!(let value = &input.#name; #content_type let body = #bytes;)
        }
    };
    match &f.ty.kind {
        TyKind::Blob { streaming } => {
            // An unset blob payload still names its content type, as the protocol tests expect.
            let content_type = content_type(media.unwrap_or("application/octet-stream"));
            let member = &f.member_name;
            let bytes = if *streaming {
                quote!(value.collect().map_err(|e| crate::error::SerializeError::new(#member, e.to_string()))?)
            } else {
                quote!(value.as_bytes().to_vec())
            };
            let bytes = if f.optional {
                quote! {
                    match &input.#name {
                        ::std::option::Option::Some(value) => #bytes,
                        ::std::option::Option::None => ::std::vec::Vec::new(),
                    }
                }
            } else {
                quote!({ let value = &input.#name; #bytes })
            };
            quote!(#content_type let body = #bytes;)
        }
        TyKind::String => set(quote!(value.as_bytes().to_vec()), "text/plain"),
        TyKind::Enum(_) => set(quote!(value.as_str().as_bytes().to_vec()), "text/plain"),
        TyKind::Struct(_) | TyKind::Union(_) if f.optional && empty.is_some() => {
            let content_type = content_type(media.unwrap_or(media_default));
            quote! {
                let body = match &input.#name {
                    ::std::option::Option::Some(value) => #structured,
                    ::std::option::Option::None => #empty,
                };
                #content_type
            }
        }
        _ => set(structured, media_default),
    }
}

/// An expression of type `String`: the member's value as label, query or header text.
fn text_of(ty: &Ty, value: &TokenStream, location: Location) -> TokenStream {
    match &ty.kind {
        TyKind::String if location == Location::Header && ty.media_type.is_some() => {
            quote!(crate::primitives::Blob::new(#value.as_bytes()).to_base64())
        }
        TyKind::String => quote!(::std::string::ToString::to_string(#value)),
        TyKind::Boolean | TyKind::Byte | TyKind::Short | TyKind::Integer | TyKind::Long => {
            quote!(::std::string::ToString::to_string(#value))
        }
        TyKind::Float => quote!(crate::wire::format_float32(*#value)),
        TyKind::Double => quote!(crate::wire::format_float(*#value)),
        TyKind::BigInteger | TyKind::BigDecimal => quote!(#value.as_str().to_string()),
        TyKind::Timestamp => match timestamp_format(ty, location) {
            TimestampFormat::HttpDate => quote!(#value.to_http_date()),
            TimestampFormat::EpochSeconds => quote!(#value.to_epoch_seconds()),
            TimestampFormat::DateTime => quote!(#value.to_date_time()),
        },
        TyKind::Blob { .. } => quote!(#value.to_base64()),
        TyKind::Enum(_) => quote!(#value.as_str().to_string()),
        TyKind::IntEnum(_) => quote!(#value.value().to_string()),
        TyKind::Document | TyKind::Unit | TyKind::Struct(_) | TyKind::Union(_) | TyKind::List { .. } | TyKind::Map { .. } => {
            quote!(::std::string::String::new())
        }
    }
}

/// The member's own format, else the location's: http-date in headers, date-time in labels and
/// the query.
fn timestamp_format(ty: &Ty, location: Location) -> TimestampFormat {
    ty.timestamp_format.unwrap_or(match location {
        Location::Header => TimestampFormat::HttpDate,
        Location::Label | Location::Query => TimestampFormat::DateTime,
    })
}

fn is_http_date(ty: &Ty, location: Location) -> bool {
    matches!(ty.kind, TyKind::Timestamp) && timestamp_format(ty, location) == TimestampFormat::HttpDate
}

/// An expression of type `T` parsed from header text `text` (a `&str`), using `?` for errors:
/// a string with a media type is base64, an enum's surrounding whitespace is dropped.
fn parse_text(ty: &Ty, text: &TokenStream) -> TokenStream {
    match &ty.kind {
        TyKind::String if ty.media_type.is_some() => quote! {
            ::std::string::String::from_utf8(crate::primitives::Blob::from_base64(#text)?.into_inner())
                .map_err(|_| crate::error::DeserializeError::new("the header is not base64-encoded UTF-8"))?
        },
        TyKind::Enum(_) => super::scalars::parse_text(ty, &quote!(#text.trim()), TimestampFormat::HttpDate),
        _ => super::scalars::parse_text(ty, text, TimestampFormat::HttpDate),
    }
}

/// Statements filling `out` with the members bound to the response's headers and status code;
/// `status` and `headers` are in scope.
pub fn response_bindings(s: &Struct) -> TokenStream {
    let others = s.fields.iter().map(|f| {
        let name = ident(&f.name);
        let member = &f.member_name;
        let assign = |read: TokenStream| {
            if f.optional {
                quote!(out.#name = ::std::option::Option::Some(#read);)
            } else {
                quote!(out.#name = #read;)
            }
        };
        match &f.http {
            HttpBinding::Header(header) if matches!(f.ty.kind, TyKind::String) && f.ty.media_type.is_none() => {
                let assign = assign(quote!(text));
                quote! {
                    if let ::std::option::Option::Some(text) = crate::wire::header_string(headers, #header, #member)? {
                        #assign
                    }
                }
            }
            HttpBinding::Header(header) => {
                let read = match &f.ty.kind {
                    TyKind::List { item, .. } => {
                        let parse = parse_text(item, &quote!(item.as_str()));
                        let split = if is_http_date(item, Location::Header) {
                            quote!(crate::wire::split_http_date_list(text)?)
                        } else {
                            quote!(crate::wire::split_header_list(text))
                        };
                        quote! {
                            #split.iter().map(|item| ::std::result::Result::Ok(#parse)).collect::<::std::result::Result<::std::vec::Vec<_>, crate::error::DeserializeError>>()?
                        }
                    }
                    _ => parse_text(&f.ty, &quote!(text)),
                };
                let assign = assign(read);
                // A timestamp header a service echoes from user data (S3's `Expires: 0`) must
                // not cost the caller the whole response: one that does not parse stays unset.
                let outcome = if matches!(f.ty.kind, TyKind::Timestamp) { quote!(let _ =) } else { TokenStream::new() };
                let question = if matches!(f.ty.kind, TyKind::Timestamp) { TokenStream::new() } else { quote!(?) };
                quote! {
                    if let ::std::option::Option::Some(text) = crate::wire::header_joined(headers, #header)? {
                        let text = text.as_str();
                        #outcome crate::wire::in_member(#member, || { #assign ::std::result::Result::Ok(()) })#question;
                    }
                }
            }
            HttpBinding::PrefixHeaders(prefix) => {
                let assign = assign(quote!(map));
                quote! {
                    let map: ::std::collections::BTreeMap<::std::string::String, ::std::string::String> =
                        crate::wire::prefixed_headers(headers, #prefix)?.into_iter().collect();
                    #assign
                }
            }
            HttpBinding::ResponseCode => assign(quote!(::std::convert::From::from(status))),
            _ => TokenStream::new(),
        }
    });
    quote!(#(#others)*)
}

/// Statements filling the `httpPayload` member from `body`. Blobs, strings and enums are the body
/// itself; `structured` reads anything else (an expression of type `T`, which may `return
/// Ok(out)` for an empty body).
pub fn payload_read(f: &Field, structured: TokenStream) -> TokenStream {
    let name = ident(&f.name);
    let member = &f.member_name;
    let read = match &f.ty.kind {
        TyKind::Blob { streaming: true } => quote!(crate::body::ByteStream::new(body)),
        TyKind::Blob { streaming: false } => quote!(crate::primitives::Blob::new(body)),
        TyKind::String => quote! {
            ::std::string::String::from_utf8(body.to_vec()).map_err(|_| crate::error::DeserializeError::new("the payload is not UTF-8").at(#member))?
        },
        TyKind::Enum(_) => {
            let path = rust_type(&f.ty);
            quote! {
                #path::from(::std::str::from_utf8(body).map_err(|_| crate::error::DeserializeError::new("the payload is not UTF-8").at(#member))?)
            }
        }
        _ => structured,
    };
    if f.optional {
        quote! {
            if !body.is_empty() {
                out.#name = ::std::option::Option::Some(#read);
            }
        }
    } else {
        quote!(out.#name = #read;)
    }
}

/// `host_prefix`: the operation's `endpoint` host prefix with its `hostLabel` members filled in.
pub fn host_prefix(input: &Struct, pattern: &HostPrefix, input_ty: &proc_macro2::Ident) -> TokenStream {
    let mut parts = Vec::new();
    for part in &pattern.parts {
        let label = match part {
            HostPart::Literal(text) => {
                parts.push(push_str(quote!(prefix), text));
                continue;
            }
            HostPart::Label(label) => label,
        };
        match input.fields.iter().find(|f| &f.member_name == label) {
            Some(f) => {
                let value = required_value(f, quote!(input), "the host label is required");
                let text = text_of(&f.ty, &quote!(value), Location::Label);
                let member = &f.member_name;
                parts.push(quote! {
                    {
                        #value
                        let text = #text;
                        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') {
                            return ::std::result::Result::Err(crate::error::SerializeError::new(#member, "the host label must be a non-empty DNS label"));
                        }
                        prefix.push_str(&text);
                    }
                });
            }
            None => parts.push(push_str(quote!(prefix), &format!("{{{label}}}"))),
        }
    }
    let doc = format!(" The host prefix `{pattern}` for this request, to put before the endpoint's host.");
    quote! {
        #[doc = #doc]
        #[allow(deprecated, unused_variables)]
        pub fn host_prefix(input: &#input_ty) -> ::std::result::Result<::std::string::String, crate::error::SerializeError> {
            let mut prefix = ::std::string::String::new();
            #(#parts)*
            ::std::result::Result::Ok(prefix)
        }
    }
}
