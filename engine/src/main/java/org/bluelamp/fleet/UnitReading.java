package org.bluelamp.fleet;

/**
 * A reusable holder for one consistent reading of a unit, filled by {@link FleetState#readUnit}:
 * what ranking needs per unit without allocating. Values are those of one moment; read again to
 * refresh. Use {@link #toSnapshot()} for an immutable copy.
 *
 * <p>Thread-safety: not thread-safe; one per reading thread.
 */
public final class UnitReading {
    private Unit unit;
    private StatusChange status;
    private long positionTimeEpochMillis = FleetState.NO_FIX;
    private double latDeg = Double.NaN;
    private double lonDeg = Double.NaN;
    private double accuracyMetres = Double.NaN;
    private double speedMetresPerSecond = Double.NaN;
    private double headingDeg = Double.NaN;
    private FixReason reason = FixReason.UNSPECIFIED;
    private int intervalSamples;
    private int intervalMillis;
    private StalenessPolicy staleness;
    private final UnitLines.Reader lineReader = new UnitLines.Reader() {
        @Override
        void copy(UnitLines.Chunk chunk, int offset, long[] state, int base) {
            long meta = UnitLines.meta(state, base);
            set(
                    chunk.units[offset],
                    chunk.status[offset],
                    UnitLines.timeMillis(state, base),
                    UnitLines.latDeg(state, base),
                    UnitLines.lonDeg(state, base),
                    UnitLines.accuracyMetres(state, base),
                    UnitLines.speedMetresPerSecond(state, base),
                    UnitLines.headingDeg(state, base),
                    UnitLines.reason(meta),
                    UnitLines.intervalSamples(meta),
                    UnitLines.intervalMillis(meta),
                    staleness);
        }
    };

    /** Before a reading: the fleet's staleness policy, kept with the values read. */
    void prepare(StalenessPolicy policy) {
        this.staleness = policy;
    }

    /** What {@link UnitLines#read} fills this reading with. */
    UnitLines.Reader lineReader() {
        return lineReader;
    }

    void set(
            Unit unit,
            StatusChange status,
            long time,
            double lat,
            double lon,
            double accuracy,
            double speed,
            double heading,
            FixReason reason,
            int intervalSamples,
            int intervalMillis,
            StalenessPolicy staleness) {
        this.unit = unit;
        this.status = status;
        this.positionTimeEpochMillis = time;
        this.latDeg = lat;
        this.lonDeg = lon;
        this.accuracyMetres = accuracy;
        this.speedMetresPerSecond = speed;
        this.headingDeg = heading;
        this.reason = reason;
        this.intervalSamples = intervalSamples;
        this.intervalMillis = intervalMillis;
        this.staleness = staleness;
    }

    /** The unit (id, spec, index, capability mask). */
    public Unit unit() {
        return unit;
    }

    /** Dense index of the unit. */
    public int unitIndex() {
        return unit.unitIndex();
    }

    /** Kind of the unit. */
    public UnitKind kind() {
        return unit.spec().kind();
    }

    /** Capabilities as a mask of the fleet's {@link CapabilityRegistry}. */
    public long capabilityMask() {
        return unit.capabilityMask();
    }

    /** Current status, its grade and when it was set. */
    public StatusChange status() {
        return status;
    }

    /** Whether the unit has ever reported a valid fix. */
    public boolean hasFix() {
        return positionTimeEpochMillis != FleetState.NO_FIX;
    }

    /** Latitude of the newest fix, degrees; {@code NaN} without a fix. */
    public double latDeg() {
        return hasFix() ? latDeg : Double.NaN;
    }

    /** Longitude of the newest fix, degrees; {@code NaN} without a fix. */
    public double lonDeg() {
        return hasFix() ? lonDeg : Double.NaN;
    }

    /** Position time of the newest fix, epoch millis; {@link Long#MIN_VALUE} without a fix. */
    public long positionTimeEpochMillis() {
        return positionTimeEpochMillis;
    }

    /** Accuracy radius of the newest fix, metres; {@code NaN} when not reported or no fix. */
    public double accuracyMetres() {
        return hasFix() ? accuracyMetres : Double.NaN;
    }

    /** Speed of the newest fix, m/s; {@code NaN} when not reported or no fix. */
    public double speedMetresPerSecond() {
        return hasFix() ? speedMetresPerSecond : Double.NaN;
    }

    /** Heading of the newest fix, degrees from north; {@code NaN} when not reported or no fix. */
    public double headingDeg() {
        return hasFix() ? headingDeg : Double.NaN;
    }

    /** Why the newest fix was sent. */
    public FixReason reason() {
        return reason;
    }

    /**
     * The unit's learned usual reporting interval, millis, or 0 while fewer than the staleness
     * policy's {@code minIntervalSamples} intervals are known.
     */
    public long usualReportIntervalMillis() {
        return intervalSamples >= staleness.minIntervalSamples() ? intervalMillis : 0;
    }

    /** The fix age beyond which this unit is stale, millis. */
    public long staleAfterMillis() {
        return staleness.staleAfterMillis(usualReportIntervalMillis());
    }

    /**
     * Age of the newest fix at {@code nowEpochMillis}, millis (0 if the fix is slightly in the
     * future within the allowed clock skew); {@link Long#MAX_VALUE} without a fix.
     */
    public long fixAgeMillis(long nowEpochMillis) {
        return hasFix() ? Math.max(0, nowEpochMillis - positionTimeEpochMillis) : Long.MAX_VALUE;
    }

    /** Whether the unit is stale at {@code nowEpochMillis} (always, without a fix). */
    public boolean isStale(long nowEpochMillis) {
        return fixAgeMillis(nowEpochMillis) > staleAfterMillis();
    }

    /** An immutable copy. */
    public UnitSnapshot toSnapshot() {
        return new UnitSnapshot(
                unit,
                status,
                hasFix(),
                latDeg(),
                lonDeg(),
                positionTimeEpochMillis,
                accuracyMetres(),
                speedMetresPerSecond(),
                headingDeg(),
                reason,
                usualReportIntervalMillis(),
                staleAfterMillis());
    }
}
