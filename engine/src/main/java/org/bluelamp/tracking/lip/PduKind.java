package org.bluelamp.tracking.lip;

/**
 * Which of the two LIP location report PDUs a report came from: the 76-bit SHORT location report
 * (PDU type 0, clause 6.2.1) or the variable-length LONG location report (PDU type 1 with PDU type
 * extension 3, clause 6.2.2).
 */
public enum PduKind {
    SHORT,
    LONG
}
