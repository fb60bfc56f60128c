//! `endpoint::resolve` for a typical call (the fixture service `endpoint_rules`, region us-west-2,
//! no FIPS, no custom endpoint: through `isSet`, `aws.partition` and a URL template) beside a
//! hand-written `format!` of the same URL, the floor any resolver has to build a `String`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use endpoint_rules::endpoint::{resolve, Params};

fn bench_resolve(c: &mut Criterion) {
    let params = Params::builder().region("us-west-2").build().expect("no required parameter");
    assert_eq!(resolve(&params).expect("resolves").url(), "https://widgets.us-west-2.amazonaws.com");
    c.bench_function("endpoint::resolve (us-west-2)", |b| b.iter(|| resolve(black_box(&params))));
    c.bench_function("hand-written format! of the same URL", |b| {
        b.iter(|| {
            let region = black_box(&params).region.as_deref().unwrap_or_default();
            format!("https://widgets.{region}.{}", black_box("amazonaws.com"))
        })
    });
}

criterion_group!(benches, bench_resolve);
criterion_main!(benches);
