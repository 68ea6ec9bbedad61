// `gen_fn!`: an `async fn` generator (a stream is written `fn … -> impl Stream<Item = T>`).
use gen_runtime::gen_fn;

gen_fn! {
    async fn numbers() -> impl Iterator<Item = u32> {
        yield 1;
    }
}

fn main() {}
