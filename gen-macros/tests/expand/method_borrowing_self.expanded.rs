impl Tree {
    #[generator]
    fn evens(&self) -> impl Iterator<Item = u32> + '_ {
        for &x in self.items.iter() {
            if x % 2 == 0 {
                yield_!(x);
            }
        }
    }
}
