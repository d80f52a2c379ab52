package org.bluelamp.tracking;

/**
 * One rejected fix of a batch.
 *
 * @param index the fix's position in the batch, 0-based
 * @param unitId the fix's unit id as sent (may be invalid)
 * @param reason why it was rejected
 * @param message what was wrong, naming the field and its value
 *
 * <p>Thread-safety: immutable.
 */
public record Rejection(int index, String unitId, RejectReason reason, String message) {}
