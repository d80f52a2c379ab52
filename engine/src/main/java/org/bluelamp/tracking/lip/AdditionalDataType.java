package org.bluelamp.tracking.lip;

/**
 * The 1-bit "type of additional data" (clause 6.3.87, table 6.120 in V1.7.2): says whether the
 * octet that ends a location report is a {@link ReasonForSending} code or user-defined data.
 */
public enum AdditionalDataType {
    /** Code 0: the octet is a reason-for-sending code. */
    REASON_FOR_SENDING,
    /** Code 1: the octet is user-defined data, passed on raw. */
    USER_DEFINED_DATA
}
