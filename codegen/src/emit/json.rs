//! The restJson1 body codec: `write_json`/`read_json` for structures and unions, written out
//! per type so the generated crate needs no serialization framework.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::{ident, rust_type};
use crate::ir::{Crate, Field, HttpBinding, Module, Struct, Ty, TyKind, TypeName, Union};

/// Which named types need a JSON writer (reachable from a request body) and which a reader
/// (reachable from a response or error body). Generating only those keeps the crate small.
#[derive(Debug, Default)]
pub struct Directions {
    pub write: BTreeSet<TypeName>,
    pub read: BTreeSet<TypeName>,
}

impl Directions {
    pub fn of(krate: &Crate) -> Directions {
        let mut d = Directions::default();
        if !super::http::supported(krate) {
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

/// `write_json` and/or `read_json` for a structure of the `types` module.
pub fn struct_codec(d: &Directions, s: &Struct) -> TokenStream {
    if s.name.module != Module::Types {
        return TokenStream::new();
    }
    let name = format_ident!("{}", s.name.name);
    let writer = d.write.contains(&s.name).then(|| {
        let body = write_members(&s.fields, &quote!(self));
        quote! {
            #[doc(hidden)]
            #[allow(deprecated)]
            pub fn write_json(&self, w: &mut crate::json::JsonWriter) {
                #body
            }
        }
    });
    let reader = d.read.contains(&s.name).then(|| {
        let body = read_members(&s.fields);
        quote! {
            #[doc(hidden)]
            #[allow(deprecated, unused_mut)]
            pub fn read_json(r: &mut crate::json::Reader<'_>) -> ::std::result::Result<Self, crate::error::DeserializeError> {
                let mut out = Self::default();
                #body
                ::std::result::Result::Ok(out)
            }
        }
    });
    codec_impl(&name, writer, reader)
}

/// Statements writing `fields` of `receiver` as one JSON object to `w`.
pub fn write_members(fields: &[Field], receiver: &TokenStream) -> TokenStream {
    let members = fields.iter().map(|f| {
        let name = ident(&f.name);
        let key = &f.json_name;
        let write = write_value(&f.ty, &quote!(value));
        if f.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &#receiver.#name {
                    w.key(#key);
                    #write
                }
            }
        } else {
            quote! {
                {
                    let value = &#receiver.#name;
                    w.key(#key);
                    #write
                }
            }
        }
    });
    quote! {
        w.begin_object();
        #(#members)*
        w.end_object();
    }
}

/// Statements reading the next JSON object from reader `r` into the fields of `out`.
pub fn read_members(fields: &[Field]) -> TokenStream {
    let arms = fields.iter().map(|f| {
        let name = ident(&f.name);
        let key = &f.json_name;
        let member = &f.member_name;
        let read = read_value(&f.ty);
        let read = if f.boxed { quote!(::std::boxed::Box::new(#read)) } else { read };
        let assign = if f.optional { quote!(out.#name = ::std::option::Option::Some(read);) } else { quote!(out.#name = read;) };
        quote! {
            #key => {
                let read = crate::json::in_member(#member, || ::std::result::Result::Ok(#read))?;
                #assign
            }
        }
    });
    if fields.is_empty() {
        return quote! {
            r.begin_object()?;
            while r.next_key()?.is_some() {
                r.skip()?;
            }
        };
    }
    quote! {
        r.begin_object()?;
        while let ::std::option::Option::Some(key) = r.next_key()? {
            if r.take_null() {
                continue;
            }
            match key.as_ref() {
                #(#arms)*
                _ => r.skip()?,
            }
        }
    }
}

/// Statements writing `value` (an expression of type `&T`) to `w`.
pub fn write_value(ty: &Ty, value: &TokenStream) -> TokenStream {
    match &ty.kind {
        TyKind::String => quote!(w.string(#value);),
        TyKind::Boolean => quote!(w.boolean(*#value);),
        TyKind::Byte | TyKind::Short | TyKind::Integer => quote!(w.integer(::std::convert::From::from(*#value));),
        TyKind::Long => quote!(w.integer(*#value);),
        TyKind::Float => quote!(w.float32(*#value);),
        TyKind::Double => quote!(w.float(*#value);),
        TyKind::BigInteger | TyKind::BigDecimal => quote!(w.number_text(#value.as_str());),
        TyKind::Timestamp => match ty.timestamp_format.as_deref() {
            Some("date-time") => quote!(w.string(&#value.to_date_time());),
            Some("http-date") => quote!(w.string(&#value.to_http_date());),
            _ => quote!(w.timestamp_epoch(#value);),
        },
        TyKind::Blob { .. } => quote!(w.blob(#value);),
        TyKind::Document => quote!(w.document(#value);),
        TyKind::Unit => quote!(w.begin_object(); w.end_object();),
        TyKind::Struct(_) | TyKind::Union(_) => quote!(#value.write_json(w);),
        TyKind::Enum(_) => quote!(w.string(#value.as_str());),
        TyKind::IntEnum(_) => quote!(w.integer(::std::convert::From::from(#value.value()));),
        TyKind::List { item, sparse } => {
            let write = element_write(item, *sparse);
            quote! {
                w.begin_array();
                for item in #value {
                    #write
                }
                w.end_array();
            }
        }
        TyKind::Map { value: item, sparse, .. } => {
            let write = element_write(item, *sparse);
            quote! {
                w.begin_object();
                for (key, item) in #value {
                    w.key(key.as_ref());
                    #write
                }
                w.end_object();
            }
        }
    }
}

fn element_write(ty: &Ty, sparse: bool) -> TokenStream {
    let write = write_value(ty, &quote!(item));
    if sparse {
        quote! {
            match item {
                ::std::option::Option::Some(item) => { #write }
                ::std::option::Option::None => w.null(),
            }
        }
    } else {
        write
    }
}

/// An expression reading a `T` from reader `r`, using `?` for errors.
pub fn read_value(ty: &Ty) -> TokenStream {
    let reader = |name: &str| {
        let f = format_ident!("{}", name);
        quote!(crate::json::#f(&r.value()?)?)
    };
    match &ty.kind {
        TyKind::String => reader("read_string"),
        TyKind::Boolean => reader("read_bool"),
        TyKind::Byte => reader("read_i8"),
        TyKind::Short => reader("read_i16"),
        TyKind::Integer => reader("read_i32"),
        TyKind::Long => reader("read_i64"),
        TyKind::Float => reader("read_f32"),
        TyKind::Double => reader("read_f64"),
        TyKind::BigInteger => reader("read_big_integer"),
        TyKind::BigDecimal => reader("read_big_decimal"),
        TyKind::Timestamp => match ty.timestamp_format.as_deref() {
            Some("date-time") => reader("read_timestamp_date_time"),
            Some("http-date") => reader("read_timestamp_http_date"),
            _ => reader("read_timestamp_epoch"),
        },
        TyKind::Blob { .. } => reader("read_blob"),
        TyKind::Document => reader("read_document"),
        TyKind::Unit => quote!({ r.value()?.as_object()?; crate::primitives::Unit }),
        TyKind::Struct(_) | TyKind::Union(_) => {
            let path = rust_type(ty);
            quote!(#path::read_json(r)?)
        }
        TyKind::Enum(_) => {
            let path = rust_type(ty);
            quote!(#path::from(crate::json::read_string(&r.value()?)?))
        }
        TyKind::IntEnum(_) => {
            let path = rust_type(ty);
            quote!(#path::from(crate::json::read_i32(&r.value()?)?))
        }
        TyKind::List { item, sparse } => {
            let read = read_value(item);
            let function = if *sparse { quote!(read_sparse_list) } else { quote!(read_list) };
            quote!(crate::json::#function(r, |r| ::std::result::Result::Ok(#read))?)
        }
        TyKind::Map { key, value: item, sparse } => {
            let read = read_value(item);
            let key = match &key.kind {
                TyKind::Enum(_) => {
                    let path = rust_type(key);
                    quote!(#path::from(key))
                }
                _ => quote!(::std::string::String::from(key)),
            };
            let function = if *sparse { quote!(read_sparse_map) } else { quote!(read_map) };
            quote!(crate::json::#function(r, |key| #key, |r| ::std::result::Result::Ok(#read))?)
        }
    }
}

/// `write_json` and/or `read_json` for a union: an object with exactly one member set.
pub fn union_codec(d: &Directions, u: &Union) -> TokenStream {
    let name = format_ident!("{}", u.name.name);
    let writer = d.write.contains(&u.name).then(|| {
        let arms = u.variants.iter().map(|v| {
            let variant = format_ident!("{}", v.name);
            let key = &v.json_name;
            match &v.ty {
                None => quote!(#name::#variant => { w.key(#key); w.begin_object(); w.end_object(); }),
                Some(ty) => {
                    let write = write_value(ty, &quote!(value));
                    quote!(#name::#variant(value) => { w.key(#key); #write })
                }
            }
        });
        quote! {
            /// Writes the set member; an `Unknown` member, whose value was not kept, is written as `{}`.
            #[doc(hidden)]
            pub fn write_json(&self, w: &mut crate::json::JsonWriter) {
                w.begin_object();
                match self {
                    #(#arms)*
                    #name::Unknown(_) => {}
                }
                w.end_object();
            }
        }
    });
    let reader = d.read.contains(&u.name).then(|| {
        let arms = u.variants.iter().map(|v| {
            let variant = format_ident!("{}", v.name);
            let key = &v.json_name;
            let member = &v.member_name;
            match &v.ty {
                None => quote!(#key => { r.skip()?; #name::#variant }),
                Some(ty) => {
                    let read = read_value(ty);
                    let read = if v.boxed { quote!(::std::boxed::Box::new(#read)) } else { read };
                    quote! {
                        #key => #name::#variant(
                            crate::json::in_member(#member, || ::std::result::Result::Ok(#read))?
                        ),
                    }
                }
            }
        });
        let expecting = format!("a `{}` object needs exactly one member set", u.name.name);
        quote! {
            #[doc(hidden)]
            pub fn read_json(r: &mut crate::json::Reader<'_>) -> ::std::result::Result<Self, crate::error::DeserializeError> {
                let mut found = ::std::option::Option::None;
                r.begin_object()?;
                while let ::std::option::Option::Some(key) = r.next_key()? {
                    if r.take_null() {
                        continue;
                    }
                    let read = match key.as_ref() {
                        "__type" => {
                            r.skip()?;
                            continue;
                        }
                        #(#arms)*
                        other => {
                            r.skip()?;
                            #name::Unknown(crate::primitives::UnknownVariantValue::new(other))
                        }
                    };
                    if found.replace(read).is_some() {
                        return ::std::result::Result::Err(crate::error::DeserializeError::new(#expecting));
                    }
                }
                found.ok_or_else(|| crate::error::DeserializeError::new(#expecting))
            }
        }
    });
    codec_impl(&name, writer, reader)
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
