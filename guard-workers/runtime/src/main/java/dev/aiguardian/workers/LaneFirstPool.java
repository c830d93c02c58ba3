package dev.aiguardian.workers;

import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The guard thread pool: a fixed set of threads that take priority-lane work before anything queued earlier, and
 * otherwise work in the order it came. A worker keeps many records in flight, so a FIFO pool would make a
 * priority request wait behind every main-topic record already handed over.
 */
final class LaneFirstPool {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final int LANE = 0;
    private static final int MAIN = 1;
    private static final Comparator<Runnable> ORDER = Comparator.comparingInt(LaneFirstPool::rank)
            .thenComparingLong(LaneFirstPool::sequence);

    private LaneFirstPool() {
    }

    static ExecutorService create(int threads, ThreadFactory threadFactory) {
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new PriorityBlockingQueue<>(64, ORDER), threadFactory);
    }

    /** {@code work} as a task of this pool: ahead of all main-topic work when {@code lane}. */
    static Runnable task(boolean lane, Runnable work) {
        return new Ranked(lane ? LANE : MAIN, SEQUENCE.getAndIncrement(), work);
    }

    private record Ranked(int rank, long sequence, Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    private static int rank(Runnable r) {
        return r instanceof Ranked k ? k.rank() : MAIN;
    }

    private static long sequence(Runnable r) {
        return r instanceof Ranked k ? k.sequence() : 0;
    }
}
