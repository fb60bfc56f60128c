//! Customizations as model transforms: what AWS SDKs change in one service's model before they
//! generate it, applied before lowering and selected by the service's shape ID, so that
//! everything downstream (the request, the `URI` constant, the API surface, `cargo xtask diff`)
//! sees the same operation.

use std::borrow::Cow;

use super::Model;

mod s3;

/// The model as the generator should see it for `service`: the model itself when no
/// customization applies, else a changed copy.
pub fn for_service<'m>(model: &'m Model, service: &str) -> Cow<'m, Model> {
    match service {
        s3::SERVICE => s3::strip_bucket_from_path(model, service),
        _ => Cow::Borrowed(model),
    }
}
