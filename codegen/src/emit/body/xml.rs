//! The XML body codec: `write_xml`/`read_xml` for structures and unions, following `xmlName`,
//! `xmlAttribute`, `xmlFlattened` and `xmlNamespace`, on the runtime's `xml` module.
//!
//! Writers take the element's open start tag (the caller chose its name and namespace), add the
//! attribute members, and write the other members as child elements. Readers take the element
//! and fill the members from its attributes and children; unknown children are skipped.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::codec_impl;
use crate::emit::types::{ident, rust_type};
use crate::ir::http::TimestampFormat;
use crate::ir::{Field, Module, Struct, Ty, TyKind, Union, XmlNamespace};

/// `write_xml` (when `write`) and/or `read_xml` (when `read`) for a structure of the `types` module.
pub fn struct_codec(s: &Struct, write: bool, read: bool, timestamps: TimestampFormat) -> TokenStream {
    if s.name.module != Module::Types {
        return TokenStream::new();
    }
    let name = format_ident!("{}", s.name.name);
    let writer = write.then(|| {
        let body = write_members(&s.fields, &quote!(self), timestamps);
        quote! {
            #[doc(hidden)]
            #[allow(deprecated, unused_mut, unused_variables)]
            pub fn write_xml(&self, tag: crate::xml::OpenTag<'_, '_>) {
                #body
            }
        }
    });
    let reader = read.then(|| {
        let body = read_members(&s.fields, timestamps);
        quote! {
            #[doc(hidden)]
            #[allow(deprecated, unused_mut, unused_variables)]
            pub fn read_xml(el: &mut crate::xml::ElementReader<'_, '_>) -> ::std::result::Result<Self, crate::error::DeserializeError> {
                let mut out = Self::default();
                #body
                ::std::result::Result::Ok(out)
            }
        }
    });
    codec_impl(&name, writer, reader)
}

/// `.ns(uri, prefix)` on an open tag, for an `@xmlNamespace`.
pub fn ns_call(ns: Option<&XmlNamespace>) -> TokenStream {
    match ns {
        None => TokenStream::new(),
        Some(XmlNamespace { uri, prefix: Some(prefix) }) => quote!(.ns(#uri, ::std::option::Option::Some(#prefix))),
        Some(XmlNamespace { uri, prefix: None }) => quote!(.ns(#uri, ::std::option::Option::None)),
    }
}

/// Statements finishing the open start tag `tag` with the attribute members of `receiver`, then
/// writing its other members as children.
pub fn write_members(fields: &[Field], receiver: &TokenStream, timestamps: TimestampFormat) -> TokenStream {
    let attributes = fields.iter().filter(|f| f.ty.xml.attribute).map(|f| {
        let name = &f.ty.xml.name;
        let text = text_of(&f.ty, &quote!(value), timestamps);
        let field = ident(&f.name);
        if f.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &#receiver.#field {
                    tag = tag.attr(#name, #text);
                }
            }
        } else {
            quote!({ let value = &#receiver.#field; tag = tag.attr(#name, #text); })
        }
    });
    let children = fields.iter().filter(|f| !f.ty.xml.attribute).map(|f| {
        let field = ident(&f.name);
        let write = write_member(&f.ty, &quote!(value), timestamps);
        if f.optional {
            quote! {
                if let ::std::option::Option::Some(value) = &#receiver.#field {
                    #write
                }
            }
        } else {
            quote!({ let value = &#receiver.#field; #write })
        }
    });
    quote! {
        let mut tag = tag;
        #(#attributes)*
        let mut el = tag.finish();
        #(#children)*
        el.end();
    }
}

/// Statements writing `value` (a `&T`) as the member `ty` describes, into the element `el`.
fn write_member(ty: &Ty, value: &TokenStream, timestamps: TimestampFormat) -> TokenStream {
    let name = &ty.xml.name;
    let ns = ns_call(ty.xml.namespace.as_ref());
    match &ty.kind {
        TyKind::List { item, sparse } if ty.xml.flattened => {
            let write = element(item, &quote!(item), name, &ns, timestamps);
            let write = sparse_item(*sparse, write);
            quote!(for item in #value { #write })
        }
        TyKind::List { item, sparse } => {
            let item_name = &item.xml.name;
            let item_ns = ns_call(item.xml.namespace.as_ref());
            let write = element(item, &quote!(item), item_name, &item_ns, timestamps);
            let write = sparse_item(*sparse, write);
            quote! {
                let mut el = el.start(#name) #ns .finish();
                for item in #value { #write }
                el.end();
            }
        }
        TyKind::Map { key, value: item, sparse } => {
            let entry = map_entry(key, item, timestamps);
            let entry = sparse_item(*sparse, entry);
            if ty.xml.flattened {
                quote! {
                    for (key, item) in #value {
                        let mut el = el.start(#name) #ns .finish();
                        #entry
                        el.end();
                    }
                }
            } else {
                quote! {
                    let mut el = el.start(#name) #ns .finish();
                    for (key, item) in #value {
                        let mut el = el.start("entry").finish();
                        #entry
                        el.end();
                    }
                    el.end();
                }
            }
        }
        _ => element(ty, value, name, &ns, timestamps),
    }
}

/// A sparse collection's `None` items are left out: XML has no null.
fn sparse_item(sparse: bool, write: TokenStream) -> TokenStream {
    if sparse {
        quote!(if let ::std::option::Option::Some(item) = item { #write })
    } else {
        write
    }
}

/// The `<key>` and `<value>` elements of one map entry (`key` and `item` in scope).
fn map_entry(key: &Ty, item: &Ty, timestamps: TimestampFormat) -> TokenStream {
    let key_name = &key.xml.name;
    let key_ns = ns_call(key.xml.namespace.as_ref());
    let key_text = text_of(key, &quote!(key), timestamps);
    let value = element(item, &quote!(item), &item.xml.name, &ns_call(item.xml.namespace.as_ref()), timestamps);
    quote! {
        {
            let mut el = el.start(#key_name) #key_ns .finish();
            el.text(#key_text);
            el.end();
        }
        #value
    }
}

/// Statements writing one element named `name` holding `value`.
fn element(ty: &Ty, value: &TokenStream, name: &str, ns: &TokenStream, timestamps: TimestampFormat) -> TokenStream {
    match &ty.kind {
        TyKind::Struct(_) | TyKind::Union(_) => quote!(#value.write_xml(el.start(#name) #ns);),
        TyKind::Unit => quote!(el.start(#name) #ns .end();),
        TyKind::List { .. } | TyKind::Map { .. } => {
            // A collection inside a collection: its own wrapper element, named as the item.
            let mut inner = ty.clone();
            inner.xml.name = name.to_string();
            inner.xml.flattened = false;
            let write = write_member(&inner, value, timestamps);
            quote!({ #write })
        }
        _ => {
            let text = text_of(ty, value, timestamps);
            quote! {
                {
                    let mut el = el.start(#name) #ns .finish();
                    el.text(#text);
                    el.end();
                }
            }
        }
    }
}

/// An expression that derefs to `&str`: a scalar `value` (a `&T`) as XML text.
pub fn text_of(ty: &Ty, value: &TokenStream, timestamps: TimestampFormat) -> TokenStream {
    match &ty.kind {
        TyKind::String => quote!(#value.as_str()),
        TyKind::Boolean | TyKind::Byte | TyKind::Short | TyKind::Integer | TyKind::Long => {
            quote!(&::std::string::ToString::to_string(#value))
        }
        TyKind::Float => quote!(&crate::wire::format_float32(*#value)),
        TyKind::Double => quote!(&crate::wire::format_float(*#value)),
        TyKind::BigInteger | TyKind::BigDecimal => quote!(#value.as_str()),
        TyKind::Timestamp => match ty.timestamp_format.unwrap_or(timestamps) {
            TimestampFormat::HttpDate => quote!(&#value.to_http_date()),
            TimestampFormat::EpochSeconds => quote!(&#value.to_epoch_seconds()),
            TimestampFormat::DateTime => quote!(&#value.to_date_time()),
        },
        TyKind::Blob { .. } => quote!(&#value.to_base64()),
        TyKind::Enum(_) => quote!(#value.as_str()),
        TyKind::IntEnum(_) => quote!(&::std::string::ToString::to_string(&#value.value())),
        TyKind::Document | TyKind::Unit | TyKind::Struct(_) | TyKind::Union(_) | TyKind::List { .. } | TyKind::Map { .. } => {
            quote!("")
        }
    }
}

/// The local part of an element or attribute name (`xsi:type` → `type`), as the reader matches it.
fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// Statements filling `out` from the element `el`: its attributes, then its children.
pub fn read_members(fields: &[Field], timestamps: TimestampFormat) -> TokenStream {
    let attributes = fields.iter().filter(|f| f.ty.xml.attribute).map(|f| {
        let name = &f.ty.xml.name;
        let member = &f.member_name;
        let parse = crate::emit::scalars::parse_text(&f.ty, &quote!(text), timestamps);
        let assign = assign(f, parse);
        quote! {
            if let ::std::option::Option::Some(text) = el.start().attr(#name) {
                crate::wire::in_member(#member, || { #assign ::std::result::Result::Ok(()) })?;
            }
        }
    });
    let arms = fields.iter().filter(|f| !f.ty.xml.attribute).map(|f| {
        let name = local(&f.ty.xml.name);
        let member = &f.member_name;
        let field = ident(&f.name);
        let read = match &f.ty.kind {
            TyKind::List { item, .. } if f.ty.xml.flattened => {
                let read = read_value(item, timestamps);
                let push = if f.optional {
                    quote!(out.#field.get_or_insert_with(::std::vec::Vec::new).push(item);)
                } else {
                    quote!(out.#field.push(item);)
                };
                quote!(let item = #read; #push)
            }
            TyKind::Map { key, value, .. } if f.ty.xml.flattened => {
                let entry = read_entry(key, value, timestamps);
                let insert = if f.optional {
                    quote!(out.#field.get_or_insert_with(::std::collections::BTreeMap::new).insert(key, value);)
                } else {
                    quote!(out.#field.insert(key, value);)
                };
                quote!(if let ::std::option::Option::Some((key, value)) = #entry { #insert })
            }
            _ => {
                let read = read_value(&f.ty, timestamps);
                let read = if f.boxed { quote!(::std::boxed::Box::new(#read)) } else { read };
                assign(f, read)
            }
        };
        quote! {
            #name => crate::wire::in_member(#member, || { let el = &mut child; #read ::std::result::Result::Ok(()) })?,
        }
    });
    let children = fields.iter().any(|f| !f.ty.xml.attribute);
    let loop_ = children.then(|| {
        quote! {
            while let ::std::option::Option::Some(mut child) = el.next_tag()? {
                match child.start().local_name() {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    });
    quote! {
        #(#attributes)*
        #loop_
    }
}

fn assign(f: &Field, read: TokenStream) -> TokenStream {
    let field = ident(&f.name);
    if f.optional {
        quote!(out.#field = ::std::option::Option::Some(#read);)
    } else {
        quote!(out.#field = #read;)
    }
}

/// An expression of type `T` reading the element `el` (a `&mut ElementReader`).
pub fn read_value(ty: &Ty, timestamps: TimestampFormat) -> TokenStream {
    match &ty.kind {
        TyKind::Struct(_) | TyKind::Union(_) => {
            let path = rust_type(ty);
            quote!(#path::read_xml(el)?)
        }
        TyKind::Unit => quote!(crate::primitives::Unit),
        TyKind::List { item, sparse } => {
            let item_name = local(&item.xml.name);
            let read = read_value(item, timestamps);
            let read = if *sparse { quote!(::std::option::Option::Some(#read)) } else { read };
            quote! {
                {
                    let mut items = ::std::vec::Vec::new();
                    while let ::std::option::Option::Some(mut item) = el.next_tag()? {
                        if item.start().local_name() == #item_name {
                            let el = &mut item;
                            items.push(#read);
                        }
                    }
                    items
                }
            }
        }
        TyKind::Map { key, value, sparse } => {
            let entry = read_entry(key, value, timestamps);
            let insert = if *sparse { quote!(map.insert(key, ::std::option::Option::Some(value));) } else { quote!(map.insert(key, value);) };
            quote! {
                {
                    let mut map = ::std::collections::BTreeMap::new();
                    while let ::std::option::Option::Some(mut entry) = el.next_tag()? {
                        if entry.start().local_name() == "entry" {
                            let el = &mut entry;
                            if let ::std::option::Option::Some((key, value)) = #entry {
                                #insert
                            }
                        }
                    }
                    map
                }
            }
        }
        _ => {
            let parse = crate::emit::scalars::parse_text(ty, &quote!(text), timestamps);
            quote!({ let text = el.text()?; let text = text.as_str(); #parse })
        }
    }
}

/// An expression of type `Option<(K, V)>`: the key and value children of the entry `el`.
fn read_entry(key: &Ty, value: &Ty, timestamps: TimestampFormat) -> TokenStream {
    let key_name = local(&key.xml.name);
    let value_name = local(&value.xml.name);
    let key_read = read_value(key, timestamps);
    let value_read = read_value(value, timestamps);
    quote! {
        {
            let mut key = ::std::option::Option::None;
            let mut value = ::std::option::Option::None;
            while let ::std::option::Option::Some(mut part) = el.next_tag()? {
                let el = &mut part;
                match el.start().local_name() {
                    #key_name => key = ::std::option::Option::Some(#key_read),
                    #value_name => value = ::std::option::Option::Some(#value_read),
                    _ => {}
                }
            }
            key.zip(value)
        }
    }
}

/// `write_xml` (when `write`) and/or `read_xml` (when `read`) for a union: an element with
/// exactly one child.
pub fn union_codec(u: &Union, write: bool, read: bool, timestamps: TimestampFormat) -> TokenStream {
    let name = format_ident!("{}", u.name.name);
    let writer = write.then(|| {
        let arms = u.variants.iter().map(|v| {
            let variant = format_ident!("{}", v.name);
            let element_name = &v.xml_name;
            match &v.ty {
                None => quote!(#name::#variant => el.start(#element_name).end(),),
                Some(ty) => {
                    let mut ty = ty.clone();
                    ty.xml.name = v.xml_name.clone();
                    let write = write_member(&ty, &quote!(value), timestamps);
                    quote!(#name::#variant(value) => { #write })
                }
            }
        });
        quote! {
            /// Writes the set member; an `Unknown` member, whose value was not kept, writes nothing.
            #[doc(hidden)]
            pub fn write_xml(&self, tag: crate::xml::OpenTag<'_, '_>) {
                let mut el = tag.finish();
                match self {
                    #(#arms)*
                    #name::Unknown(_) => {}
                }
                el.end();
            }
        }
    });
    let reader = read.then(|| {
        let arms = u.variants.iter().map(|v| {
            let variant = format_ident!("{}", v.name);
            let element_name = local(&v.xml_name);
            let member = &v.member_name;
            match &v.ty {
                None => quote!(#element_name => #name::#variant,),
                Some(ty) => {
                    let read = read_value(ty, timestamps);
                    let read = if v.boxed { quote!(::std::boxed::Box::new(#read)) } else { read };
                    quote! {
                        #element_name => #name::#variant(
                            crate::wire::in_member(#member, || { let el = &mut child; ::std::result::Result::Ok(#read) })?
                        ),
                    }
                }
            }
        });
        let expecting = format!("a `{}` element needs exactly one member set", u.name.name);
        quote! {
            #[doc(hidden)]
            pub fn read_xml(el: &mut crate::xml::ElementReader<'_, '_>) -> ::std::result::Result<Self, crate::error::DeserializeError> {
                let mut found = ::std::option::Option::None;
                while let ::std::option::Option::Some(mut child) = el.next_tag()? {
                    let read = match child.start().local_name() {
                        #(#arms)*
                        other => #name::Unknown(crate::primitives::UnknownVariantValue::new(other)),
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
