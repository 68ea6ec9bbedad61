//! Game logic as coroutines: a dungeon generated room by room, and a guard whose behaviour
//! is straight-line code that waits for the next tick.
//!
//! In a game loop, an entity's behaviour is usually a state machine written by hand: an
//! enum of modes, a counter for each timer, a `match` that decides what to do this tick
//! from what it did the last one. Written as a coroutine, it is the code you would write if
//! the entity had a thread of its own: "patrol until you see the player, chase while you
//! can, run when hurt, rest until healed, start again". Each `yield_!` hands the game loop
//! this tick's action and evaluates to the next tick's view of the world (the resume
//! argument).
//!
//! The level comes from a generator too: `rooms` yields one room at a time from a seeded
//! RNG, and the caller carves each into the map and joins it to the last one. The same
//! seed gives the same dungeon and the same story.
//!
//! Run with `cargo run --example game` (seed 7), `cargo run --example game -- SEED`, or
//! `cargo run --example game -- SEED --watch` to see the map redrawn every tick.

use std::collections::VecDeque;

use gen_runtime::{generator, yield_, Generator, GeneratorState};
use oorandom::Rand64;

const WIDTH: i32 = 48;
const HEIGHT: i32 = 18;
const MAX_ROOMS: usize = 6;
const TICKS: u32 = 160;

const GUARD_HEALTH: u32 = 10;
const FLEE_AT: u32 = 4;
const SIGHT: i32 = 6;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pos {
    x: i32,
    y: i32,
}

impl Pos {
    fn distance(self, other: Pos) -> i32 {
        (self.x - other.x).abs().max((self.y - other.y).abs())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Room {
    x: i32,
    y: i32,
    w: i32,
    h: i32,
}

impl Room {
    fn center(self) -> Pos {
        Pos {
            x: self.x + self.w / 2,
            y: self.y + self.h / 2,
        }
    }

    /// Overlapping or touching: rooms keep a wall between them.
    fn touches(self, other: Room) -> bool {
        self.x <= other.x + other.w
            && other.x <= self.x + self.w
            && self.y <= other.y + other.h
            && other.y <= self.y + self.h
    }
}

/// Rooms placed at random, one at a time, each clear of the ones before it.
#[generator]
fn rooms(seed: u64) -> impl Iterator<Item = Room> {
    let mut rng = Rand64::new(u128::from(seed));
    let mut placed: Vec<Room> = Vec::new();
    for _attempt in 0..200 {
        if placed.len() == MAX_ROOMS {
            break;
        }
        let w = rng.rand_range(5..12) as i32;
        let h = rng.rand_range(3..6) as i32;
        let x = 1 + rng.rand_range(0..(WIDTH - w - 2) as u64) as i32;
        let y = 1 + rng.rand_range(0..(HEIGHT - h - 2) as u64) as i32;
        let room = Room { x, y, w, h };
        if placed.iter().all(|r| !r.touches(room)) {
            placed.push(room);
            yield_!(room);
        }
    }
}

struct Level {
    floor: Vec<Vec<bool>>,
    rooms: Vec<Room>,
}

impl Level {
    /// Carves each room the generator yields and an L-shaped corridor to the previous one.
    fn generate(seed: u64) -> Level {
        let mut level = Level {
            floor: vec![vec![false; WIDTH as usize]; HEIGHT as usize],
            rooms: Vec::new(),
        };
        for room in rooms(seed) {
            for y in room.y..room.y + room.h {
                for x in room.x..room.x + room.w {
                    level.dig(Pos { x, y });
                }
            }
            if let Some(last) = level.rooms.last() {
                let (a, b) = (last.center(), room.center());
                for x in a.x.min(b.x)..=a.x.max(b.x) {
                    level.dig(Pos { x, y: a.y });
                }
                for y in a.y.min(b.y)..=a.y.max(b.y) {
                    level.dig(Pos { x: b.x, y });
                }
            }
            level.rooms.push(room);
        }
        level
    }

    fn dig(&mut self, p: Pos) {
        self.floor[p.y as usize][p.x as usize] = true;
    }

    fn is_floor(&self, p: Pos) -> bool {
        (0..WIDTH).contains(&p.x)
            && (0..HEIGHT).contains(&p.y)
            && self.floor[p.y as usize][p.x as usize]
    }

    /// The first step of a shortest path from `from` to `to` (breadth-first), or `from`.
    fn step_toward(&self, from: Pos, to: Pos) -> Pos {
        let mut came_from = vec![vec![None; WIDTH as usize]; HEIGHT as usize];
        let mut queue = VecDeque::from([to]);
        came_from[to.y as usize][to.x as usize] = Some(to);
        while let Some(p) = queue.pop_front() {
            if p == from {
                return came_from[p.y as usize][p.x as usize].unwrap_or(from);
            }
            for n in neighbours(p) {
                if self.is_floor(n) && came_from[n.y as usize][n.x as usize].is_none() {
                    came_from[n.y as usize][n.x as usize] = Some(p);
                    queue.push_back(n);
                }
            }
        }
        from
    }

    /// The neighbouring floor tile that is farthest from `threat` (ties: the first found).
    fn step_away(&self, from: Pos, threat: Pos) -> Pos {
        neighbours(from)
            .into_iter()
            .filter(|&n| self.is_floor(n))
            .fold(from, |best, n| {
                if n.distance(threat) > best.distance(threat) {
                    n
                } else {
                    best
                }
            })
    }
}

fn neighbours(p: Pos) -> [Pos; 4] {
    [
        Pos { x: p.x, y: p.y - 1 },
        Pos { x: p.x + 1, y: p.y },
        Pos { x: p.x, y: p.y + 1 },
        Pos { x: p.x - 1, y: p.y },
    ]
}

/// What the guard knows at the start of a tick: the resume argument.
#[derive(Clone, Copy, Debug)]
struct View {
    me: Pos,
    health: u32,
    /// Where the player is, if the guard can see them.
    player: Option<Pos>,
}

/// What the guard does this tick: the yielded value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Patrol(Pos),
    Chase(Pos),
    Attack,
    Flee(Pos),
    Rest,
}

/// The guard's whole life, written as it reads: patrol the route until the player shows
/// up, chase and attack while healthy, run when hurt, rest until healed, start again.
#[generator(resume = view)]
fn guard(route: Vec<Pos>) -> impl Generator<View, Yield = Action, Return = ()> {
    let mut view = view;
    let mut waypoint = 0;
    loop {
        while view.player.is_none() {
            if view.me == route[waypoint] {
                waypoint = (waypoint + 1) % route.len();
            }
            view = yield_!(Action::Patrol(route[waypoint]));
        }
        while let Some(player) = view.player {
            if view.health <= FLEE_AT {
                break;
            }
            if view.me.distance(player) <= 1 {
                view = yield_!(Action::Attack);
            } else {
                view = yield_!(Action::Chase(player));
            }
        }
        if view.health <= FLEE_AT {
            let mut threat = view.player.unwrap_or(view.me);
            for _ in 0..12 {
                view = yield_!(Action::Flee(threat));
                threat = view.player.unwrap_or(threat);
            }
            while view.health < GUARD_HEALTH {
                view = yield_!(Action::Rest);
            }
        }
    }
}

/// The player: walks to the middle of every room in turn. Also a coroutine, resumed with
/// where the player stands, yielding where to head for.
#[generator(resume = at)]
fn explorer(rooms: Vec<Room>) -> impl Generator<Pos, Yield = Pos, Return = ()> {
    let mut at = at;
    for room in rooms {
        while at != room.center() {
            at = yield_!(room.center());
        }
    }
}

/// The result of one game: the map at the end and what happened, tick by tick.
struct Outcome {
    map: String,
    log: Vec<String>,
}

/// A fixed-step game loop: every tick, each entity gets the world and answers with an
/// action, which the loop applies. `watch` is called with the map after every tick.
fn play(seed: u64, ticks: u32, mut watch: impl FnMut(u32, &str)) -> Outcome {
    let level = Level::generate(seed);
    let route: Vec<Pos> = level.rooms.iter().take(3).map(|r| r.center()).collect();
    let mut visits = level.rooms.clone();
    visits.reverse();

    let mut guard_pos = route[0];
    let mut guard_health = GUARD_HEALTH;
    let mut player_pos = visits[0].center();
    let mut player_health = 20u32;
    let mut guard_ai = guard(route);
    let mut player_ai = explorer(visits);
    let mut log = Vec::new();
    let mut last_mode = "";

    for tick in 0..ticks {
        // The guard's turn.
        let seen = (guard_pos.distance(player_pos) <= SIGHT).then_some(player_pos);
        let view = View {
            me: guard_pos,
            health: guard_health,
            player: seen,
        };
        let GeneratorState::Yielded(action) = guard_ai.resume(view) else {
            unreachable!("the guard never stops")
        };
        let mode = match action {
            Action::Patrol(to) => {
                guard_pos = level.step_toward(guard_pos, to);
                "patrols"
            }
            Action::Chase(to) => {
                guard_pos = level.step_toward(guard_pos, to);
                "chases the player"
            }
            Action::Attack => {
                player_health = player_health.saturating_sub(2);
                "attacks"
            }
            Action::Flee(from) => {
                guard_pos = level.step_away(guard_pos, from);
                "flees"
            }
            Action::Rest => {
                guard_health += 1;
                "rests"
            }
        };
        if mode != last_mode {
            log.push(format!(
                "tick {tick:3}: the guard {mode} at ({}, {}), health {guard_health}",
                guard_pos.x, guard_pos.y
            ));
            last_mode = mode;
        }

        // The player's turn: hit the guard when next to it, else walk on.
        if player_pos.distance(guard_pos) <= 1 {
            guard_health = guard_health.saturating_sub(2);
            log.push(format!(
                "tick {tick:3}: the player hits the guard, health {guard_health}"
            ));
        } else {
            match player_ai.resume(player_pos) {
                GeneratorState::Yielded(to) => player_pos = level.step_toward(player_pos, to),
                GeneratorState::Complete(()) => {
                    log.push(format!("tick {tick:3}: the player has seen every room"));
                    break;
                }
            }
        }
        if player_health == 0 {
            log.push(format!("tick {tick:3}: the player falls"));
            break;
        }
        if guard_health == 0 {
            log.push(format!("tick {tick:3}: the guard falls"));
            break;
        }
        watch(tick, &render(&level, guard_pos, player_pos));
    }
    Outcome {
        map: render(&level, guard_pos, player_pos),
        log,
    }
}

fn render(level: &Level, guard: Pos, player: Pos) -> String {
    let mut out = String::new();
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let p = Pos { x, y };
            let c = if p == player {
                '@'
            } else if p == guard {
                'G'
            } else if level.is_floor(p) {
                '.'
            } else if (-1..=1).any(|dy| {
                (-1..=1).any(|dx| {
                    level.is_floor(Pos {
                        x: x + dx,
                        y: y + dy,
                    })
                })
            }) {
                '#'
            } else {
                ' '
            };
            out.push(c);
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let seed = args
        .next()
        .map_or(7, |s| s.parse().expect("the seed is a number"));
    let watch = args.next().is_some_and(|a| a == "--watch");
    let outcome = play(seed, TICKS, |tick, map| {
        if watch {
            print!("\x1b[2J\x1b[Htick {tick}\n{map}");
            std::thread::sleep(std::time::Duration::from_millis(80));
        }
    });
    println!("seed {seed}\n{}", outcome.map);
    for line in &outcome.log {
        println!("{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_tells_the_same_story() {
        let outcome = play(7, TICKS, |_, _| {});
        let expected = [
            "tick   0: the guard patrols at (21, 8), health 10",
            "tick  35: the guard chases the player at (30, 10), health 10",
            "tick  37: the player hits the guard, health 8",
            "tick  38: the guard attacks at (28, 10), health 8",
            "tick  38: the player hits the guard, health 6",
            "tick  39: the player hits the guard, health 4",
            "tick  40: the guard flees at (29, 10), health 4",
            "tick  52: the guard rests at (40, 10), health 5",
            "tick  58: the guard patrols at (39, 10), health 10",
            "tick  68: the guard chases the player at (29, 10), health 10",
            "tick  75: the player hits the guard, health 8",
            "tick  76: the guard attacks at (23, 9), health 8",
            "tick  76: the player hits the guard, health 6",
            "tick  77: the player hits the guard, health 4",
            "tick  78: the guard flees at (23, 10), health 4",
            "tick  82: the player has seen every room",
        ];
        assert_eq!(outcome.log, expected);
    }

    #[test]
    fn rooms_never_touch_and_stay_inside_the_map() {
        let placed: Vec<Room> = rooms(7).collect();
        assert_eq!(placed.len(), MAX_ROOMS);
        for (i, a) in placed.iter().enumerate() {
            assert!(a.x >= 1 && a.y >= 1 && a.x + a.w < WIDTH && a.y + a.h < HEIGHT);
            for b in &placed[i + 1..] {
                assert!(!a.touches(*b), "{a:?} touches {b:?}");
            }
        }
        assert_eq!(placed, rooms(7).collect::<Vec<_>>());
    }

    #[test]
    fn a_hurt_guard_flees_then_rests_until_healed() {
        let route = vec![Pos { x: 1, y: 1 }, Pos { x: 5, y: 1 }];
        let mut g = guard(route);
        let here = Pos { x: 3, y: 1 };
        let seen = |health| View {
            me: here,
            health,
            player: Some(Pos { x: 4, y: 1 }),
        };
        let alone = |health| View {
            me: here,
            health,
            player: None,
        };
        assert_eq!(
            g.resume(alone(10)),
            GeneratorState::Yielded(Action::Patrol(Pos { x: 1, y: 1 }))
        );
        assert_eq!(g.resume(seen(10)), GeneratorState::Yielded(Action::Attack));
        assert_eq!(
            g.resume(seen(4)),
            GeneratorState::Yielded(Action::Flee(Pos { x: 4, y: 1 }))
        );
        for _ in 0..11 {
            assert!(matches!(
                g.resume(alone(4)),
                GeneratorState::Yielded(Action::Flee(_))
            ));
        }
        assert_eq!(g.resume(alone(9)), GeneratorState::Yielded(Action::Rest));
        assert_eq!(
            g.resume(alone(10)),
            GeneratorState::Yielded(Action::Patrol(Pos { x: 1, y: 1 }))
        );
    }
}
