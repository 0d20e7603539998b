//! Helper threads placed on cores of their own, where the system says which cores there are.
//!
//! Linux starts a new thread on its parent's core and moves it to an idle one
//! when it next balances its load. On the 2-core virtual machine policyc is
//! measured on, that took milliseconds, longer than the work a helper does:
//! two threads each spinning for 3 ms, one of them new, took 6 ms together in
//! 6 of 8 runs, the idle core unused; with the new thread moved to the other
//! core first, 3.2 ms in 8 of 8 (benches/README.md, Threads). So a helper moves
//! itself, as it starts, to a core of its own: the next one after the core the
//! work was handed out from. A helper so placed stays there until it ends,
//! which is soon; if that core is busy, the helper shares it, as it would
//! have shared its parent's. Elsewhere than on Linux, threads are left where
//! the system puts them.

/// The cores this process may run on, starting with the one the thread that
/// found them was on; empty when the system does not say.
#[derive(Debug, Clone, Default)]
pub struct Cores(Vec<usize>);

impl Cores {
    /// The cores this process may run on now, the calling thread's first.
    pub fn here() -> Cores {
        #[cfg(target_os = "linux")]
        {
            use nix::sched::{CpuSet, sched_getaffinity, sched_getcpu};
            use nix::unistd::Pid;
            let (Ok(allowed), Ok(mine)) = (sched_getaffinity(Pid::from_raw(0)), sched_getcpu())
            else {
                return Cores::default();
            };
            let mut cores: Vec<usize> = (0..CpuSet::count())
                .filter(|&core| allowed.is_set(core).unwrap_or(false))
                .collect();
            match cores.iter().position(|&core| core == mine) {
                Some(at) => cores.rotate_left(at),
                None => return Cores::default(),
            }
            Cores(cores)
        }
        #[cfg(not(target_os = "linux"))]
        Cores::default()
    }

    /// Moves the calling thread to the `k`-th core after the first (the
    /// first itself for 0, counting round when `k` passes the last), then
    /// lets the system move it again, should that core get busy. Nothing
    /// happens with fewer than two cores, or when the system refuses.
    pub fn settle(&self, k: usize) {
        if self.0.len() < 2 {
            return;
        }
        #[cfg(target_os = "linux")]
        {
            use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
            use nix::unistd::Pid;
            let me = Pid::from_raw(0);
            let Ok(allowed) = sched_getaffinity(me) else {
                return;
            };
            let mut one = CpuSet::new();
            // Limited to one core, a running thread moves there before the
            // call returns; it stays when allowed every core again.
            if one.set(self.0[k % self.0.len()]).is_ok() && sched_setaffinity(me, &one).is_ok() {
                let _ = sched_setaffinity(me, &allowed);
            }
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_settled_thread_runs_on_its_core() {
        let cores = Cores::here();
        if cores.0.len() < 2 {
            return; // nothing to place on a 1-core machine
        }
        // Settled, a thread may be moved again at once by a busy machine:
        // four of five tries must find it where it was put.
        let placed = (0..5)
            .filter(|_| {
                let on = std::thread::scope(|scope| {
                    let settled = |k| {
                        let cores = &cores;
                        scope.spawn(move || {
                            cores.settle(k);
                            nix::sched::sched_getcpu().ok()
                        })
                    };
                    let (a, b) = (settled(0), settled(1));
                    (a.join().ok().flatten(), b.join().ok().flatten())
                });
                on == (Some(cores.0[0]), Some(cores.0[1]))
            })
            .count();
        assert!(placed >= 4, "placed in {placed} of 5 tries");
        // And it may run anywhere again.
        let allowed = std::thread::scope(|scope| {
            let cores = &cores;
            scope
                .spawn(move || {
                    cores.settle(1);
                    nix::sched::sched_getaffinity(nix::unistd::Pid::from_raw(0)).ok()
                })
                .join()
                .ok()
                .flatten()
        });
        let here = nix::sched::sched_getaffinity(nix::unistd::Pid::from_raw(0)).ok();
        assert_eq!(allowed, here);
    }
}
