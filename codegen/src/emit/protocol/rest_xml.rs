//! restXml: the HTTP binding traits, and XML bodies: the input's members under an element named
//! after the input shape (in the service's `xmlNamespace`), or the `httpPayload` as the whole
//! body; errors in `<ErrorResponse><Error>` (or a bare `<Error>` under `noErrorWrapping`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{xml_errors, Envelope};
use crate::emit::bindings::{self, RequestParts};
use crate::emit::body::xml;
use crate::emit::types::rust_type;
use crate::ir::http::TimestampFormat;
use crate::ir::{Crate, Field, HttpBinding, Operation, Struct, TyKind};

const TIMESTAMPS: TimestampFormat = TimestampFormat::DateTime;

pub(super) fn envelope(krate: &Crate, op: &Operation, input: &Struct, output: &Struct) -> Envelope {
    let request = op.http.as_ref().map(|http| RequestParts::new(http.method.clone(), http.uri.clone(), request_body(krate, input), op));
    Envelope { request, output: response_members(krate, op, output), error_metadata: xml_errors::metadata() }
}

fn body_fields(s: &Struct) -> Vec<Field> {
    s.fields.iter().filter(|f| f.http == HttpBinding::Body).cloned().collect()
}

/// The payload, else the body members under the input's element (none: no body at all).
fn request_body(krate: &Crate, input: &Struct) -> TokenStream {
    if let Some(payload) = input.fields.iter().find(|f| f.http == HttpBinding::Payload) {
        // An unset structure or union payload sends no body, but still names its content type.
        return bindings::payload_body(payload, payload_write(krate, payload), Some(quote!(::std::vec::Vec::new())), "application/xml");
    }
    let fields = body_fields(input);
    if fields.is_empty() {
        return quote!(let body = ::std::vec::Vec::new(););
    }
    let root = &input.xml_name;
    let ns = xml::ns_call(input.xml_namespace.as_ref().or(krate.service.xml_namespace.as_ref()));
    let write = xml::write_members(&fields, &quote!(input), TIMESTAMPS);
    let content_type = bindings::content_type("application/xml");
    quote! {
        let mut writer = crate::xml::XmlWriter::new();
        {
            let tag = writer.start(#root) #ns;
            #write
        }
        let body = writer.into_bytes();
        #content_type
    }
}

/// An expression of type `Vec<u8>`: a structure or union payload `value` as an XML document whose
/// root is named by the member's `@xmlName`, else the target's.
fn payload_write(krate: &Crate, f: &Field) -> TokenStream {
    let (name, ns) = payload_element(krate, f);
    let ns = xml::ns_call(ns.as_ref());
    match &f.ty.kind {
        TyKind::Struct(_) | TyKind::Union(_) => quote! {
            {
                let mut writer = crate::xml::XmlWriter::new();
                value.write_xml(writer.start(#name) #ns);
                writer.into_bytes()
            }
        },
        _ => quote!(::std::vec::Vec::new()),
    }
}

/// The element name (and namespace) of a structure or union payload: the member's `@xmlName`,
/// else the target's.
fn payload_element(krate: &Crate, f: &Field) -> (String, Option<crate::ir::XmlNamespace>) {
    let (name, ns) = match &f.ty.kind {
        TyKind::Struct(target) => match krate.structure(target) {
            Some(s) => (s.xml_name.clone(), s.xml_namespace.clone()),
            None => (f.ty.xml.name.clone(), None),
        },
        _ => (f.ty.shape_id.rsplit('#').next().unwrap_or_default().to_string(), None),
    };
    let name = if f.ty.xml.renamed { f.ty.xml.name.clone() } else { name };
    (name, f.ty.xml.namespace.clone().or(ns))
}

/// The body members (or the payload), then the members bound to headers and the status code. A
/// member bound to the query string or a label means nothing in a response: restXml reads it
/// from the body like any other. The root element must be the output's (or the payload's).
fn response_members(krate: &Crate, op: &Operation, s: &Struct) -> TokenStream {
    let fields: Vec<Field> = s
        .fields
        .iter()
        .filter(|f| matches!(f.http, HttpBinding::Body | HttpBinding::Query(_) | HttpBinding::QueryParams | HttpBinding::Label))
        .cloned()
        .collect();
    let body = (!fields.is_empty()).then(|| {
        let (read, root_name) = match fields.as_slice() {
            // S3's GetBucketLocation: `<LocationConstraint>us-west-2</LocationConstraint>`.
            [only] if op.unwrapped_xml_output => {
                let field = crate::emit::types::ident(&only.name);
                let value = xml::read_value(&only.ty, TIMESTAMPS);
                let value = if only.optional { quote!(::std::option::Option::Some(#value)) } else { value };
                (quote!(out.#field = #value;), only.ty.xml.name.as_str())
            }
            _ => (xml::read_members(&fields, TIMESTAMPS), s.xml_name.as_str()),
        };
        quote! {
            if let ::std::option::Option::Some(mut doc) = crate::xml::Document::for_body(body)? {
                let mut root = doc.root()?;
                root.expect_name(#root_name)?;
                let el = &mut root;
                #read
            }
        }
    });
    let bound = bindings::response_bindings(s);
    let payload = s.fields.iter().find(|f| f.http == HttpBinding::Payload).map(|f| {
        let read = match &f.ty.kind {
            TyKind::Struct(_) | TyKind::Union(_) => {
                let path = rust_type(&f.ty);
                let member = &f.member_name;
                let (root_name, _) = payload_element(krate, f);
                quote! {
                    match crate::xml::Document::for_body(body)? {
                        ::std::option::Option::Some(mut doc) => {
                            let mut root = doc.root()?;
                            root.expect_name(#root_name)?;
                            crate::wire::in_member(#member, || #path::read_xml(&mut root))?
                        }
                        ::std::option::Option::None => return ::std::result::Result::Ok(out),
                    }
                }
            }
            _ => quote!(::std::default::Default::default()),
        };
        bindings::payload_read(f, read)
    });
    quote!(#body #bound #payload)
}

/// An error's body members, from its `<Error>` element.
pub(super) fn error_members(s: &Struct) -> TokenStream {
    xml_errors::members(&body_fields(s), TIMESTAMPS)
}
