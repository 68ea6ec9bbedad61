// `return` with a value of the wrong type, in a method returning a `Generator`.
use gen_runtime::{generator, yield_, Generator};

struct Counter {
    limit: u32,
}

impl Counter {
    #[generator]
    fn count(&self) -> impl Generator<Yield = u32, Return = u32> + '_ {
        for i in 0..self.limit {
            if i == 5 {
                return "stopped early";
            }
            yield_!(i);
        }
        self.limit
    }
}

fn main() {
    let c = Counter { limit: 3 };
    let _ = c.count();
}
