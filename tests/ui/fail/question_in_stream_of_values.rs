// `?` in a stream whose items are not `Result`s: the error has no item to go to.
use gen_runtime::gen_stream;

fn main() {
    let lines = vec![String::from("1")];
    let s = gen_stream! {
        for line in lines {
            let n: u32 = line.parse()?;
            yield n;
        }
    };
    let _ = s;
}
