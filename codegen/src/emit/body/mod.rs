//! Body codecs, one module per body format: each writes the per-type code that turns values into
//! a request body and reads them back from a response body.

pub mod json;
pub mod query;
pub mod xml;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{BodyFormat, Crate, Field, HttpBinding, Protocol, Struct, Ty, TyKind, TypeName, Union};

/// Which named types need a body writer (reachable from a request body) and which a reader
/// (reachable from a response or error body). Generating only those keeps the crate small.
#[derive(Debug, Default)]
pub struct Directions {
    pub write: BTreeSet<TypeName>,
    pub read: BTreeSet<TypeName>,
}

impl Directions {
    pub fn of(krate: &Crate) -> Directions {
        let mut d = Directions::default();
        if !krate.service.protocol.has_wire_layer() {
            return d;
        }
        for op in &krate.operations {
            if let Some(s) = krate.structure(&op.input) {
                wire_fields(s).for_each(|f| collect(krate, &f.ty, &mut d.write));
            }
            if let Some(s) = krate.structure(&op.output) {
                wire_fields(s).for_each(|f| collect(krate, &f.ty, &mut d.read));
            }
            for e in &op.errors {
                if let Some(s) = krate.structure(&e.ty) {
                    wire_fields(s).for_each(|f| collect(krate, &f.ty, &mut d.read));
                }
            }
        }
        d
    }
}

/// Members of a top-level structure that travel in a JSON body (their own or as the payload).
fn wire_fields(s: &Struct) -> impl Iterator<Item = &Field> {
    s.fields.iter().filter(|f| matches!(f.http, HttpBinding::Body | HttpBinding::Payload))
}

fn collect(krate: &Crate, ty: &Ty, into: &mut BTreeSet<TypeName>) {
    match &ty.kind {
        TyKind::Struct(name) if into.insert(name.clone()) => {
            if let Some(s) = krate.structure(name) {
                s.fields.iter().for_each(|f| collect(krate, &f.ty, into));
            }
        }
        TyKind::Union(name) if into.insert(name.clone()) => {
            if let Some(u) = krate.unions.iter().find(|u| &u.name == name) {
                u.variants.iter().filter_map(|v| v.ty.as_ref()).for_each(|t| collect(krate, t, into));
            }
        }
        TyKind::List { item, .. } => collect(krate, item, into),
        TyKind::Map { key, value, .. } => {
            collect(krate, key, into);
            collect(krate, value, into);
        }
        _ => {}
    }
}

/// The query dialect of a protocol whose requests are query forms.
fn dialect(protocol: &Protocol) -> query::Dialect {
    match protocol {
        Protocol::Ec2Query => query::Dialect::Ec2,
        _ => query::Dialect::AwsQuery,
    }
}

/// The codec methods of a structure: a writer in the request format, a reader in the response format.
pub fn struct_codec(krate: &Crate, d: &Directions, s: &Struct) -> TokenStream {
    let protocol = &krate.service.protocol;
    let timestamps = protocol.body_timestamp_format();
    let (write, read) = (d.write.contains(&s.name), d.read.contains(&s.name));
    match (protocol.request_format(), protocol.response_format()) {
        (Some(BodyFormat::Json), _) => json::struct_codec(d, s),
        (Some(BodyFormat::Xml), _) => xml::struct_codec(s, write, read, timestamps),
        (Some(BodyFormat::Query), _) => {
            let writer = query::struct_codec(d, s, dialect(protocol));
            let reader = xml::struct_codec(s, false, read, timestamps);
            quote!(#writer #reader)
        }
        _ => TokenStream::new(),
    }
}

/// The codec methods of a union.
pub fn union_codec(krate: &Crate, d: &Directions, u: &Union) -> TokenStream {
    let protocol = &krate.service.protocol;
    let timestamps = protocol.body_timestamp_format();
    let (write, read) = (d.write.contains(&u.name), d.read.contains(&u.name));
    match (protocol.request_format(), protocol.response_format()) {
        (Some(BodyFormat::Json), _) => json::union_codec(d, u),
        (Some(BodyFormat::Xml), _) => xml::union_codec(u, write, read, timestamps),
        (Some(BodyFormat::Query), _) => {
            let writer = query::union_codec(d, u, dialect(protocol));
            let reader = xml::union_codec(u, false, read, timestamps);
            quote!(#writer #reader)
        }
        _ => TokenStream::new(),
    }
}

/// `impl Name { writer reader }`, or nothing when the type needs neither direction.
fn codec_impl(name: &proc_macro2::Ident, writer: Option<TokenStream>, reader: Option<TokenStream>) -> TokenStream {
    if writer.is_none() && reader.is_none() {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #writer
            #reader
        }
    }
}
