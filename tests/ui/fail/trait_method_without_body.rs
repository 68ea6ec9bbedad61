use gen_runtime::generator;

trait Numbers {
    #[generator]
    fn numbers(&self) -> impl Iterator<Item = u32>;
}

fn main() {}
