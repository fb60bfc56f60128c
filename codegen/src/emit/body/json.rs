//! The JSON body codec: `write_json`/`read_json` for structures and unions, written out per type
//! so the generated crate needs no serialization framework.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{codec_impl, Directions};
use crate::emit::types::{ident, rust_type};
use crate::ir::http::TimestampFormat;
use crate::ir::{Field, Module, Struct, Ty, TyKind, Union};

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
                let read = crate::wire::in_member(#member, || ::std::result::Result::Ok(#read))?;
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
        TyKind::Timestamp => match ty.timestamp_format.unwrap_or(TimestampFormat::EpochSeconds) {
            TimestampFormat::DateTime => quote!(w.string(&#value.to_date_time());),
            TimestampFormat::HttpDate => quote!(w.string(&#value.to_http_date());),
            TimestampFormat::EpochSeconds => quote!(w.timestamp_epoch(#value);),
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
        TyKind::Timestamp => match ty.timestamp_format.unwrap_or(TimestampFormat::EpochSeconds) {
            TimestampFormat::DateTime => reader("read_timestamp_date_time"),
            TimestampFormat::HttpDate => reader("read_timestamp_http_date"),
            TimestampFormat::EpochSeconds => reader("read_timestamp_epoch"),
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
                            crate::wire::in_member(#member, || ::std::result::Result::Ok(#read))?
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

/// An expression of type `Vec<u8>`: the JSON of an `httpPayload` structure, union or document `value`.
pub fn payload_write(ty: &Ty) -> TokenStream {
    let write = write_value(ty, &quote!(value));
    quote!({ let mut writer = crate::json::JsonWriter::new(); let w = &mut writer; #write writer.into_bytes() })
}

/// The JSON body of an unset structure payload: `{}`.
pub fn empty_payload() -> TokenStream {
    quote!(::std::vec::Vec::from(*b"{}"))
}

/// An expression reading an `httpPayload` structure, union or document from `body` (returning
/// `out` as it is when the body is empty).
pub fn payload_read(f: &Field) -> TokenStream {
    let member = &f.member_name;
    let read = read_value(&f.ty);
    quote! {
        match crate::json::Reader::for_body(body)? {
            ::std::option::Option::Some(mut reader) => {
                let r = &mut reader;
                let read = crate::wire::in_member(#member, || ::std::result::Result::Ok(#read))?;
                r.end()?;
                read
            }
            ::std::option::Option::None => return ::std::result::Result::Ok(out),
        }
    }
}

/// Statements filling `out` from the JSON object in `body`, if there is one.
pub fn read_body(fields: &[Field]) -> TokenStream {
    let read = read_members(fields);
    quote! {
        if let ::std::option::Option::Some(mut reader) = crate::json::Reader::for_body(body)? {
            let r = &mut reader;
            #read
            r.end()?;
        }
    }
}

/// Statements defining `body` as the JSON object of `fields` of `input`, with `content_type`.
pub fn write_body(fields: &[Field], content_type: &str) -> TokenStream {
    let write = write_members(fields, &quote!(input));
    let content_type = crate::emit::bindings::content_type(content_type);
    quote! {
        let mut writer = crate::json::JsonWriter::new();
        let w = &mut writer;
        #write
        let body = writer.into_bytes();
        #content_type
    }
}
