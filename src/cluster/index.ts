export { type ClusterPlan, clusterPlan, runCluster, STOP_MESSAGE } from "./run-cluster.js";
