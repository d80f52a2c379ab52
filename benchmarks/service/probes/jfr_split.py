"""Splits a stress run's server JFR (execution samples) into CPU per recommendation and per fix.

Usage: jfr print --json --events jdk.ExecutionSample --stack-depth 64 <server.jfr> > samples.json
       python3 jfr_split.py samples.json <serviceCpuSeconds> <seconds> <recommendationsPerSecond> <fixesAcknowledgedPerSecond>
(the last four from the load tool's JSON line with --jmx). The service's CPU is shared out over the
categories by their share of samples (start-up on the main thread, the import, JMX, JFR left out);
"rec:" rows are divided by the recommendations answered, "fix:" rows by the fixes acknowledged.
The event loops' HTTP/2 and Netty I/O that name neither stream stay "shared". Caveat: JFR attributes
samples taken in inlined code without exact debug information to a nearby call site (in the 19:10
run, 398 samples "in" an inlined ThreadLocal.get under the placement, which costs 8 ns per call in
isolation); "placing units (not the snap)" therefore over-states what is not the snap.
"""
import json,sys,collections
d=json.load(open(sys.argv[1])); cpu=float(sys.argv[2]); secs=float(sys.argv[3]); recs=float(sys.argv[4]); fixes=float(sys.argv[5])
c=collections.Counter()
for e in d['recording']['events']:
    t=(e['values']['sampledThread']['javaName'] or '')
    if t=='main' or 'PBF' in t or 'RMI' in t or 'JFR' in t or 'coverage' in t or 'acceptor' in t: continue
    st=e['values']['stackTrace']
    fs=[f['method']['type']['name'].split('/')[-1]+'.'+f['method']['name'] for f in (st['frames'] if st else [])]
    s=' '.join(fs)
    if 'search' in t:
        if 'PlacementCache' in s:
            k='rec: placing units (snap)' if 'EdgeSnapIndex' in s else 'rec: placing units (not the snap)'
        elif 'RecommendationAssembler' in s or 'ProtoMapping' in s: k='rec: answer assembly + proto build'
        elif 'Dispatcher' in s: k='rec: ranking (search, fetch, rest)'
        elif 'wakeup' in s: k='rec: hop to event loop (selector wakeup)'
        else: k='rec: search thread other (audit, timing)'
    elif 'fix-intake' in t: k='fix: intake thread'
    elif 'eventloop' in t:
        if any(p in s for p in ['FixBatch','GpsFix','FixStream','TrackingEndpoint','IntakeWorker']): k='fix: event loop (decode, ack, hand-off)'
        elif any(p in s for p in ['Recommend','FramedBody','unaryAsync','Rpc$Scope','DispatchEndpoint','RequestFrames']): k='rec: event loop (decode, write answer)'
        else: k='shared: event loop HTTP/2 + Netty I/O'
    else: k='other threads ('+t.rstrip('0123456789-')+')'
    c[k]+=1
n=sum(c.values())
print('samples',n,'cores',cpu/secs)
for k,v in sorted(c.items()):
    cs=cpu/secs*v/n # core-seconds per second
    per = (cs/recs*1e6, 'µs/rec') if k.startswith('rec') else ((cs/fixes*1e6,'µs/fix') if k.startswith('fix') else (0,''))
    print('%-48s %5d %5.1f%%  %.3f cores  %8.2f %s'%(k,v,100*v/n,cs,per[0],per[1]))
