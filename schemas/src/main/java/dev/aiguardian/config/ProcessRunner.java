package dev.aiguardian.config;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one role as an operating-system process, the same way for every role: a configuration error
 * is one line per bad value and exit status 2; a {@link StartupException} is one line and exit status
 * 2; SIGTERM acts at once, during start-up too; a clean stop closes the service, bounded in time.
 */
public final class ProcessRunner {
    /** How long a stop during start-up may take before the process exits anyway. */
    private static final long ABORT_START_MS = 2_000;
    /** How long a clean stop may take before the process exits anyway. */
    private static final long CLOSE_MS = 45_000;

    /** One role's service: start it (blocking until it serves), say what is ready, close it. */
    public interface Service extends AutoCloseable {
        void start() throws Exception;

        /** The line printed on standard output once the service serves, {@code seconds} after the process began. */
        String readyMessage(double seconds);
    }

    private ProcessRunner() {
    }

    /**
     * @param program   names the process in every line it prints
     * @param configure reads and validates the settings and builds the service, without starting anything
     */
    public static void run(String program, Callable<Service> configure) throws InterruptedException {
        long t0 = System.nanoTime();
        Service service;
        try {
            service = configure.call();
        } catch (ConfigException e) {
            ConfigException.exitWith(e, program);
            return;
        } catch (StartupException e) {
            fail(program, e.getMessage(), 2);
            return;
        } catch (Exception e) {
            fail(program, "cannot read its settings: " + describe(e), 1);
            return;
        }
        Thread main = Thread.currentThread();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch startEnded = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            if (startEnded.getCount() > 0) {
                main.interrupt();
                try {
                    if (!startEnded.await(ABORT_START_MS, TimeUnit.MILLISECONDS)) {
                        // Nothing was accepted yet, so nothing can be lost: do not wait for a slow start.
                        System.err.println(program + ": stopped during start-up");
                        Runtime.getRuntime().halt(143);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeBounded(program, service);
            stopped.countDown();
        }, program + "-shutdown"));
        try {
            service.start();
        } catch (StartupException e) {
            startEnded.countDown();
            fail(program, e.getMessage(), 2);
            return;
        } catch (InterruptedException e) {
            startEnded.countDown();
            // SIGTERM during start-up: the shutdown hook closes what was started.
            stopped.await();
            return;
        } catch (Exception e) {
            startEnded.countDown();
            StartupException cause = find(e);
            if (stopping.get()) {
                // Start-up failed because it was interrupted by a stop: that is no error to report.
                stopped.await();
            } else if (cause != null) {
                fail(program, cause.getMessage(), 2);
            } else {
                fail(program, "failed to start: " + describe(e), 1);
            }
            return;
        }
        startEnded.countDown();
        System.out.println(service.readyMessage((System.nanoTime() - t0) / 1e9));
        System.out.flush();
        stopped.await();
    }

    private static void closeBounded(String program, Service service) {
        Thread closer = new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println(program + ": did not stop cleanly: " + Redaction.redact(describe(e)));
            }
        }, program + "-close");
        closer.start();
        try {
            closer.join(CLOSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            System.err.println(program + ": did not stop within " + CLOSE_MS / 1000 + " s; exiting anyway");
            Runtime.getRuntime().halt(1);
        }
    }

    // exit() runs the shutdown hook, which closes whatever start() had opened.
    private static void fail(String program, String line, int status) {
        // A library's message may quote a setting whole (an unparseable URL with its password): redact it all.
        System.err.println(program + ": " + Redaction.redact(line));
        System.err.flush();
        System.exit(status);
    }

    private static StartupException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StartupException s) {
                return s;
            }
        }
        return null;
    }

    /** The innermost cause's class and message: one line, no stack trace. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
