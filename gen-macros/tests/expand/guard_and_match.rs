#[generator]
fn guarded(m: &Mutex<Vec<u32>>, cmds: Vec<Cmd>) -> impl Iterator<Item = u32> + '_ {
    let _guard = Guard::new();
    for cmd in cmds {
        match cmd {
            Cmd::Push(x) => yield_!(x),
            Cmd::Twice(x) if x > 10 => {
                yield_!(x);
                yield_!(x);
            }
            Cmd::Stop => return,
            _ => {}
        }
    }
    let total = m.lock().unwrap().len() as u32;
    yield_!(total);
}
