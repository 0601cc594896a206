//! Many targets at once: each audited on a worker thread, results handed back in target order
//! as soon as they and every one before them are done. A batch of thousands of MOF records is
//! written while it is audited, never held in memory whole.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// The number of worker threads for `items` targets: `jobs` when given, else one per core.
pub fn threads(jobs: Option<usize>, items: usize) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, items.max(1))
}

/// Runs `work` on every item on `threads` threads and calls `sink(index, result)` in item order.
/// `sink` returns `false` to stop the batch (the reader went away); items not yet started are
/// then skipped.
pub fn for_each_ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(usize, R) -> bool,
) {
    if threads <= 1 {
        for (i, item) in items.iter().enumerate() {
            if !sink(i, work(item)) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // A small channel: workers wait rather than run far ahead of the writer.
    let (tx, rx) = mpsc::sync_channel::<(usize, R)>(threads * 4);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop, work) = (&next, &stop, &work);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() || stop.load(Ordering::Relaxed) {
                    break;
                }
                if tx.send((i, work(&items[i]))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut due = 0;
        while let Ok((i, r)) = rx.recv() {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&due) {
                if !sink(due, r) {
                    stop.store(true, Ordering::Relaxed);
                    // Workers blocked on a full channel wake up with an error and stop: the
                    // scope can then join them.
                    drop(rx);
                    return;
                }
                due += 1;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 7] {
            let mut seen = Vec::new();
            for_each_ordered(
                &items,
                threads,
                |&x| {
                    // Uneven work so that later items often finish first.
                    if x % 13 == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(1));
                    }
                    x * 2
                },
                |i, r| {
                    seen.push((i, r));
                    true
                },
            );
            let expected: Vec<(usize, u64)> = (0..500).map(|i| (i as usize, i * 2)).collect();
            assert_eq!(seen, expected, "threads {threads}");
        }
    }

    #[test]
    fn a_sink_can_stop_the_batch() {
        let items: Vec<u32> = (0..10_000).collect();
        let done = AtomicUsize::new(0);
        let mut taken = 0;
        for_each_ordered(
            &items,
            2,
            |_| done.fetch_add(1, Ordering::Relaxed),
            |_, _| {
                // Let the workers fill the channel and block on it before stopping.
                std::thread::sleep(std::time::Duration::from_millis(20));
                taken += 1;
                taken < 3
            },
        );
        assert_eq!(taken, 3);
        assert!(done.load(Ordering::Relaxed) < items.len());
    }

    #[test]
    fn thread_count_is_bounded_by_the_items() {
        assert_eq!(threads(Some(8), 3), 3);
        assert_eq!(threads(Some(2), 0), 1);
        assert!(threads(None, 100) >= 1);
    }
}
