package dev.fnkit.selfhosted.async;

/**
 * A call whose every delivery attempt failed.
 *
 * @param call   the call
 * @param status the last HTTP status of the function; 0 when no instance answered
 * @param error  the last failure
 * @param deadAt when it was dead-lettered, epoch milliseconds
 */
public record DeadLetter(Call call, int status, String error, long deadAt) {
}
