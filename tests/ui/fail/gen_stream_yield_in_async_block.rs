// `gen_stream!`: a yield inside an async block is in another future, not in the stream.
use gen_runtime::gen_stream;

fn main() {
    let s = gen_stream! {
        let fut = async {
            yield 1u32;
        };
        fut.await;
        yield 2u32;
    };
    let _ = s;
}
