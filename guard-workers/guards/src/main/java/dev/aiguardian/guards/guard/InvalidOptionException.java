package dev.aiguardian.guards.guard;

/** A payload option the guard cannot use; the message names the option and the fix. */
public final class InvalidOptionException extends RuntimeException {
    private final String option;

    public InvalidOptionException(String option, String problem) {
        super("payload." + option + " " + problem);
        this.option = option;
    }

    public String option() {
        return option;
    }
}
