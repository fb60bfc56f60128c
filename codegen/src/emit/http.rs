//! The restJson1 HTTP layer of each operation: `serialize_request`, `parse_response` and the
//! error dispatch, following the HTTP binding traits.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::json::{read_members, read_value, write_members, write_value};
use super::types::{ident, rust_type, type_path};
use crate::ir::{Crate, Field, HttpBinding, Operation, Struct, Ty, TyKind};

/// The protocols the generated wire layer speaks, by their short names.
pub const SUPPORTED: &[&str] = &["restJson1", "awsJson1_0", "awsJson1_1"];

/// Whether the crate gets a wire layer.
pub fn supported(krate: &Crate) -> bool {
    krate.service.protocol.as_deref().is_some_and(|p| SUPPORTED.contains(&p))
}

/// The awsJson `Content-Type`, for services of those protocols.
fn aws_json_content_type(krate: &Crate) -> Option<&'static str> {
    match krate.service.protocol.as_deref() {
        Some("awsJson1_0") => Some("application/x-amz-json-1.0"),
        Some("awsJson1_1") => Some("application/x-amz-json-1.1"),
        _ => None,
    }
}

/// Whether the service speaks awsJson1_0 or awsJson1_1.
pub fn is_aws_json(krate: &Crate) -> bool {
    aws_json_content_type(krate).is_some()
}

/// How a protocol shapes the request beyond the HTTP binding traits.
struct RequestStyle {
    method: String,
    uri: String,
    /// awsJson: `(X-Amz-Target value, Content-Type)`; the body is always a JSON object.
    rpc: Option<(String, &'static str)>,
    checksum_required: bool,
}

/// Where a value is written as text: each location has its own timestamp format.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Location {
    Label,
    Query,
    Header,
}

fn find_struct<'a>(krate: &'a Crate, op_type: &crate::ir::TypeName) -> &'a Struct {
    krate.structure(op_type).expect("operation inputs and outputs are lowered")
}

/// `serialize_request`, `parse_response` (and `host_prefix`) for one operation.
pub fn operation_functions(krate: &Crate, op: &Operation) -> TokenStream {
    if !supported(krate) {
        return TokenStream::new();
    }
    let style = match (aws_json_content_type(krate), &op.http) {
        (Some(content_type), _) => RequestStyle {
            method: "POST".to_string(),
            uri: "/".to_string(),
            rpc: Some((format!("{}.{}", krate.service.wire_name, op.wire_name), content_type)),
            checksum_required: op.checksum_required,
        },
        (None, Some(http)) => RequestStyle {
            method: http.method.clone(),
            uri: http.uri.clone(),
            rpc: None,
            checksum_required: op.checksum_required,
        },
        (None, None) => return TokenStream::new(),
    };
    let input = find_struct(krate, &op.input);
    let output = find_struct(krate, &op.output);
    let input_ty = format_ident!("{}Input", op.name);
    let output_ty = format_ident!("{}Output", op.name);
    let error_ty = format_ident!("{}", op.error_name);
    let request = serialize_request(input, &style);
    let host_prefix = op.host_prefix.as_deref().map(|p| host_prefix(input, p, &input_ty));
    let read_output = response_members(output);
    let keep_metadata = output.metadata.as_ref().map(|m| {
        let field = ident(&m.field);
        quote!(out.#field = crate::error::Metadata(crate::wire::response_metadata(headers));)
    });
    let dispatch = error_dispatch(op);
    let response_doc = format!(
        " Reads the HTTP response of `{}`: the output for a 2xx status, else the error the response names (modeled, or [`{}::Unhandled`]).",
        op.name, op.error_name
    );
    let request_doc = format!(
        " Builds the HTTP request for `{}`: `{} {}` with the input's members bound as the model says.",
        op.name, style.method, style.uri
    );
    let token = input.fields.iter().find(|f| f.is_filled_token());
    let serialize = match token {
        None => quote! {
            #[doc = #request_doc]
            ///
            /// The URI holds the path and query only; the caller adds the endpoint.
            #[allow(deprecated, unused_mut, unused_variables)]
            pub fn serialize_request(input: &#input_ty) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                #request
            }
        },
        Some(f) => {
            let name = ident(&f.name);
            let with_doc = format!(" [`serialize_request`], with `token` called for the idempotency token `{}` when it is unset.", f.member_name);
            quote! {
                #[doc = #request_doc]
                ///
                /// The URI holds the path and query only; the caller adds the endpoint. An unset
                /// idempotency token is filled with a fresh random UUID.
                pub fn serialize_request(input: &#input_ty) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                    serialize_request_with_token(input, crate::wire::idempotency_token)
                }

                #[doc = #with_doc]
                #[allow(deprecated, unused_mut, unused_variables)]
                pub fn serialize_request_with_token(
                    input: &#input_ty,
                    token: impl ::std::ops::FnOnce() -> ::std::string::String,
                ) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::error::SerializeError> {
                    let filled;
                    let input = if input.#name.is_none() {
                        let mut copy = input.clone();
                        copy.#name = ::std::option::Option::Some(token());
                        filled = copy;
                        &filled
                    } else {
                        input
                    };
                    #request
                }
            }
        }
    };
    quote! {
        #serialize

        #host_prefix

        #[doc = #response_doc]
        pub fn parse_response<B: ::std::convert::AsRef<[u8]>>(response: &::http::Response<B>) -> ::std::result::Result<#output_ty, #error_ty> {
            let status = response.status().as_u16();
            let headers = response.headers();
            let body = response.body().as_ref();
            if !response.status().is_success() {
                return ::std::result::Result::Err(parse_error(status, headers, body));
            }
            parse_output(status, headers, body).map_err(|e| {
                let meta = crate::error::ErrorMetadata::new(::std::option::Option::None, ::std::option::Option::None, crate::wire::response_metadata(headers));
                #error_ty::InvalidResponse(crate::error::InvalidResponseError::new(status, meta, e))
            })
        }

        #[allow(deprecated, unused_mut, unused_variables)]
        fn parse_output(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> ::std::result::Result<#output_ty, crate::error::DeserializeError> {
            let mut out = #output_ty::default();
            #read_output
            #keep_metadata
            ::std::result::Result::Ok(out)
        }

        #[allow(unused_variables)]
        fn parse_error(status: u16, headers: &::http::HeaderMap, body: &[u8]) -> #error_ty {
            #dispatch
        }
    }
}

fn serialize_request(input: &Struct, style: &RequestStyle) -> TokenStream {
    let (method, uri) = (style.method.as_str(), style.uri.as_str());
    let (path_pattern, literal_query) = match uri.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (uri, None),
    };
    let mut path = Vec::new();
    let mut literal = String::new();
    for (i, segment) in path_pattern.split('/').enumerate() {
        if i > 0 {
            literal.push('/');
        }
        let label = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
        match label.and_then(|l| label_field(input, l.trim_end_matches('+')).map(|f| (f, l.ends_with('+')))) {
            Some((field, greedy)) => {
                if !literal.is_empty() {
                    path.push(push_str(quote!(path), &literal));
                    literal.clear();
                }
                path.push(label_push(field, greedy));
            }
            None => literal.push_str(segment),
        }
    }
    if let Some(query) = literal_query {
        literal.push('?');
        literal.push_str(query);
    }
    if !literal.is_empty() {
        path.push(push_str(quote!(path), &literal));
    }
    let queries = input.fields.iter().filter_map(|f| match &f.http {
        HttpBinding::Query(name) => Some(query_push(f, name)),
        _ => None,
    });
    let query_params = input.fields.iter().filter(|f| f.http == HttpBinding::QueryParams).map(query_params_push);
    let headers = input.fields.iter().filter_map(|f| match &f.http {
        HttpBinding::Header(name) => Some(header_insert(f, name)),
        HttpBinding::PrefixHeaders(prefix) => Some(prefix_headers_insert(f, prefix)),
        _ => None,
    });
    let body = request_body(input, style.rpc.as_ref().map(|(_, content_type)| *content_type));
    let target = style.rpc.as_ref().map(|(target, _)| quote!(crate::wire::insert_header(&mut headers, "X-Amz-Target", #target, "")?;));
    let checksum = style.checksum_required.then(|| {
        quote!(crate::wire::insert_header(&mut headers, "Content-MD5", &crate::wire::content_md5(&body), "body")?;)
    });
    let method = match method {
        "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS" => {
            let m = format_ident!("{}", method);
            quote!(::http::Method::#m)
        }
        other => quote! {
            ::http::Method::from_bytes(#other.as_bytes()).map_err(|e| crate::error::SerializeError::new("method", e.to_string()))?
        },
    };
    let has_labels = input.fields.iter().any(|f| f.http == HttpBinding::Label);
    let has_queries = input.fields.iter().any(|f| matches!(f.http, HttpBinding::Query(_) | HttpBinding::QueryParams));
    // A URI with nothing to fill in is a constant, parsed once by `http`.
    let build_uri = if !has_labels && !has_queries && is_plain_uri(uri) {
        quote!(let uri = ::http::Uri::from_static(#uri);)
    } else {
        quote! {
            let mut path = ::std::string::String::new();
            #(#path)*
            let mut uri = crate::wire::UriBuilder::new(path);
            #(#queries)*
            #(#query_params)*
            let uri = uri.build().parse::<::http::Uri>().map_err(|e| crate::error::SerializeError::new("uri", e.to_string()))?;
        }
    };
    quote! {
        #build_uri
        let mut headers = ::http::HeaderMap::new();
        #target
        #(#headers)*
        #body
        if !body.is_empty() {
            headers.insert(::http::header::CONTENT_LENGTH, ::http::HeaderValue::from(body.len()));
        }
        #checksum
        let mut request = ::http::Request::new(body);
        *request.method_mut() = #method;
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        ::std::result::Result::Ok(request)
    }
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

fn label_push(f: &Field, greedy: bool) -> TokenStream {
    let member = &f.member_name;
    let value = required_value(f, quote!(input), "the URI label is required");
    let text = text_of(&f.ty, &quote!(value), Location::Label);
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

fn query_push(f: &Field, key: &str) -> TokenStream {
    let body = match &f.ty.kind {
        TyKind::List { item, .. } => {
            let text = text_of(item, &quote!(item), Location::Query);
            quote!(for item in value { uri.query(#key, &#text); })
        }
        _ => {
            let text = text_of(&f.ty, &quote!(value), Location::Query);
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

fn content_type(default: &str) -> TokenStream {
    quote! {
        if !headers.contains_key(::http::header::CONTENT_TYPE) {
            headers.insert(::http::header::CONTENT_TYPE, ::http::HeaderValue::from_static(#default));
        }
    }
}

/// The request body; `rpc_content_type` is set for awsJson, whose body is always a JSON object.
fn request_body(input: &Struct, rpc_content_type: Option<&str>) -> TokenStream {
    if let Some(payload) = input.fields.iter().find(|f| f.http == HttpBinding::Payload) {
        return payload_body(payload);
    }
    let body_fields: Vec<Field> = input.fields.iter().filter(|f| f.http == HttpBinding::Body).cloned().collect();
    if body_fields.is_empty() && rpc_content_type.is_none() {
        return quote!(let body = ::std::vec::Vec::new(););
    }
    let write = write_members(&body_fields, &quote!(input));
    let content_type = content_type(rpc_content_type.unwrap_or("application/json"));
    quote! {
        let mut writer = crate::json::JsonWriter::new();
        let w = &mut writer;
        #write
        let body = writer.into_bytes();
        #content_type
    }
}

fn payload_body(f: &Field) -> TokenStream {
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
        TyKind::Struct(_) if f.optional => {
            let content_type = content_type("application/json");
            quote! {
                let mut writer = crate::json::JsonWriter::new();
                let w = &mut writer;
                match &input.#name {
                    ::std::option::Option::Some(value) => value.write_json(w),
                    ::std::option::Option::None => { w.begin_object(); w.end_object(); }
                }
                let body = writer.into_bytes();
                #content_type
            }
        }
        _ => {
            let write = write_value(&f.ty, &quote!(value));
            set(quote!({ let mut writer = crate::json::JsonWriter::new(); let w = &mut writer; #write writer.into_bytes() }), "application/json")
        }
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
            "http-date" => quote!(#value.to_http_date()),
            "epoch-seconds" => quote!(#value.to_epoch_seconds()),
            _ => quote!(#value.to_date_time()),
        },
        TyKind::Blob { .. } => quote!(#value.to_base64()),
        TyKind::Enum(_) => quote!(#value.as_str().to_string()),
        TyKind::IntEnum(_) => quote!(#value.value().to_string()),
        TyKind::Document | TyKind::Unit | TyKind::Struct(_) | TyKind::Union(_) | TyKind::List { .. } | TyKind::Map { .. } => {
            quote!(::std::string::String::new())
        }
    }
}

fn timestamp_format(ty: &Ty, location: Location) -> &str {
    ty.timestamp_format.as_deref().unwrap_or(match location {
        Location::Header => "http-date",
        Location::Label | Location::Query => "date-time",
    })
}

fn is_http_date(ty: &Ty, location: Location) -> bool {
    matches!(ty.kind, TyKind::Timestamp) && timestamp_format(ty, location) == "http-date"
}

/// An expression of type `T` parsed from header text `text` (a `&str`), using `?` for errors.
fn parse_text(ty: &Ty, text: &TokenStream) -> TokenStream {
    match &ty.kind {
        TyKind::String if ty.media_type.is_some() => quote! {
            ::std::string::String::from_utf8(crate::primitives::Blob::from_base64(#text)?.into_inner())
                .map_err(|_| crate::error::DeserializeError::new("the header is not base64-encoded UTF-8"))?
        },
        TyKind::String => quote!(::std::string::ToString::to_string(#text)),
        TyKind::Boolean => quote!(crate::wire::parse_bool(#text)?),
        TyKind::Byte => quote!(crate::wire::parse_int::<i8>(#text)?),
        TyKind::Short => quote!(crate::wire::parse_int::<i16>(#text)?),
        TyKind::Integer => quote!(crate::wire::parse_int::<i32>(#text)?),
        TyKind::Long => quote!(crate::wire::parse_int::<i64>(#text)?),
        TyKind::Float => quote!(crate::wire::parse_float32(#text)?),
        TyKind::Double => quote!(crate::wire::parse_float(#text)?),
        TyKind::BigInteger | TyKind::BigDecimal => {
            let path = rust_type(ty);
            quote!(#text.trim().parse::<#path>()?)
        }
        TyKind::Timestamp => match timestamp_format(ty, Location::Header) {
            "date-time" => quote!(crate::primitives::DateTime::parse_date_time(#text.trim())?),
            "epoch-seconds" => quote!(crate::primitives::DateTime::parse_epoch_seconds(#text.trim())?),
            _ => quote!(crate::primitives::DateTime::parse_http_date(#text.trim())?),
        },
        TyKind::Blob { .. } => quote!(crate::primitives::Blob::from_base64(#text.trim())?),
        TyKind::Enum(_) => {
            let path = rust_type(ty);
            quote!(#path::from(#text.trim()))
        }
        TyKind::IntEnum(_) => {
            let path = rust_type(ty);
            quote!(#path::from(crate::wire::parse_int::<i32>(#text)?))
        }
        _ => quote!(::std::default::Default::default()),
    }
}

/// Statements filling `out` from a response: `status`, `headers` and `body` are in scope.
pub fn response_members(s: &Struct) -> TokenStream {
    let body_fields: Vec<Field> = s.fields.iter().filter(|f| f.http == HttpBinding::Body).cloned().collect();
    let body = (!body_fields.is_empty()).then(|| {
        let read = read_members(&body_fields);
        quote! {
            if let ::std::option::Option::Some(mut reader) = crate::json::Reader::for_body(body)? {
                let r = &mut reader;
                #read
                r.end()?;
            }
        }
    });
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
                quote! {
                    if let ::std::option::Option::Some(text) = crate::wire::header_joined(headers, #header)? {
                        let text = text.as_str();
                        crate::json::in_member(#member, || { #assign ::std::result::Result::Ok(()) })?;
                    }
                }
            }
            HttpBinding::PrefixHeaders(prefix) => {
                let assign = assign(quote!(map));
                quote! {
                    let map: ::std::collections::BTreeMap<::std::string::String, ::std::string::String> =
                        crate::wire::prefixed_headers(headers, #prefix)?.into_iter().collect();
                    if !map.is_empty() {
                        #assign
                    }
                }
            }
            HttpBinding::ResponseCode => assign(quote!(::std::convert::From::from(status))),
            HttpBinding::Payload => payload_read(f),
            _ => TokenStream::new(),
        }
    });
    quote! {
        #body
        #(#others)*
    }
}

fn payload_read(f: &Field) -> TokenStream {
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
        _ => {
            let read = read_value(&f.ty);
            quote! {
                match crate::json::Reader::for_body(body)? {
                    ::std::option::Option::Some(mut reader) => {
                        let r = &mut reader;
                        let read = crate::json::in_member(#member, || ::std::result::Result::Ok(#read))?;
                        r.end()?;
                        read
                    }
                    ::std::option::Option::None => return ::std::result::Result::Ok(out),
                }
            }
        }
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

/// The body of `parse_error`: find the code, then read the matching modeled error. A body that
/// is no JSON object (empty, or a proxy's text or HTML) has no members to read, but the code from
/// the header still names the error, and the text becomes its message.
fn error_dispatch(op: &Operation) -> TokenStream {
    let error_ty = format_ident!("{}", op.error_name);
    let arms = op.errors.iter().map(|e| {
        let code = &e.code;
        let variant = format_ident!("{}", e.variant);
        let path = type_path(&e.ty);
        quote!(::std::option::Option::Some(#code) => #path::from_response(status, headers, members, &meta).map(#error_ty::#variant),)
    });
    let unhandled = quote!(#error_ty::Unhandled(crate::error::UnmodeledError::new(meta)));
    if op.errors.is_empty() {
        return quote! {
            let (meta, _) = crate::wire::json_error_metadata(headers, body);
            #unhandled
        };
    }
    quote! {
        let (meta, is_object) = crate::wire::json_error_metadata(headers, body);
        let members: &[u8] = if is_object { body } else { &[] };
        let result = match meta.code() {
            #(#arms)*
            _ => return #unhandled,
        };
        result.unwrap_or_else(|e| #error_ty::InvalidResponse(crate::error::InvalidResponseError::new(status, meta, e)))
    }
}

/// `from_response` on an error structure, which the operations' `parse_error` calls: the members
/// the response carries, the message from `meta` when the modeled member is absent, and `meta`.
pub fn error_reader(s: &Struct) -> TokenStream {
    let read = response_members(s);
    let message = s.error.as_ref().and_then(|e| e.message_field).map(|i| {
        let name = ident(&s.fields[i].name);
        if s.fields[i].optional {
            quote! {
                if ::std::matches!(out.#name.as_deref(), ::std::option::Option::None | ::std::option::Option::Some("")) {
                    if let ::std::option::Option::Some(message) = meta.message() {
                        out.#name = ::std::option::Option::Some(message.to_owned());
                    }
                }
            }
        } else {
            quote! {
                if out.#name.is_empty() {
                    if let ::std::option::Option::Some(message) = meta.message() {
                        out.#name = message.to_owned();
                    }
                }
            }
        }
    });
    let keep = s.metadata.as_ref().map(|m| {
        let field = ident(&m.field);
        quote!(out.#field = crate::error::Metadata(meta.clone());)
    });
    quote! {
        #[doc(hidden)]
        #[allow(deprecated, unused_mut, unused_variables)]
        pub fn from_response(
            status: u16,
            headers: &::http::HeaderMap,
            body: &[u8],
            meta: &crate::error::ErrorMetadata,
        ) -> ::std::result::Result<Self, crate::error::DeserializeError> {
            let mut out = Self::default();
            #read
            #message
            #keep
            ::std::result::Result::Ok(out)
        }
    }
}

/// `host_prefix`: the operation's `endpoint` host prefix with its `hostLabel` members filled in.
fn host_prefix(input: &Struct, pattern: &str, input_ty: &proc_macro2::Ident) -> TokenStream {
    let mut parts = Vec::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        let literal = &rest[..start];
        if !literal.is_empty() {
            parts.push(push_str(quote!(prefix), literal));
        }
        let label = &rest[start + 1..start + len];
        match input.fields.iter().find(|f| f.member_name == label) {
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
            None => {
                let literal = &rest[start..start + len + 1];
                parts.push(push_str(quote!(prefix), literal));
            }
        }
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        parts.push(push_str(quote!(prefix), rest));
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
