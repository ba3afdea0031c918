package dev.sparky.bench.measure;

import dev.sparky.bench.sys.ProcStats;
import dev.sparky.testkit.ServiceProcess;
import dev.sparky.testkit.SparkyCluster;
import java.util.LinkedHashMap;
import java.util.Map;

/** The cluster's live processes by name (kafka, dispatcher, ui, scheduler, runner-n), for /proc readings. */
public final class Services {
    private Services() {}

    public static Map<String, Long> pids(SparkyCluster cluster) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (cluster.broker().process().isAlive()) {
            out.put("kafka", cluster.broker().process().pid());
        }
        for (ServiceProcess s : new ServiceProcess[] {cluster.dispatcher(), cluster.ui(), cluster.scheduler()}) {
            if (s != null && s.process().isAlive()) {
                out.put(s.name(), s.process().pid());
            }
        }
        for (ServiceProcess r : cluster.runners()) {
            if (r.process().isAlive()) {
                out.put(r.name(), r.process().pid());
            }
        }
        return out;
    }

    /** Resident memory of each live process now, in MiB. */
    public static Map<String, Double> rss(SparkyCluster cluster) {
        Map<String, Double> out = new LinkedHashMap<>();
        pids(cluster).forEach((name, pid) -> out.put(name, ProcStats.rssMiB(pid)));
        return out;
    }

    /** Keeps, per process, the largest of two readings. */
    public static void keepMax(Map<String, Double> into, Map<String, Double> reading) {
        reading.forEach((k, v) -> into.merge(k, v, Math::max));
    }
}
