# Time metafor's REML fit on the benchmark data set (src/main/resources/bench/k32.csv), for the ratio
# printed by `java -jar target/evidence-cds.jar bench`. Run from the project root:
#   Rscript src/test/resources/metafor/r/bench_k32.R
suppressPackageStartupMessages(library(metafor))
d <- read.csv("src/main/resources/bench/k32.csv")
fit <- function(method) rma(yi, vi, data = d, method = method)
for (method in c("REML", "DL", "PM")) {
  invisible(fit(method))                         # warm-up
  reps <- 2000
  t <- system.time(for (i in seq_len(reps)) fit(method))[["elapsed"]]
  cat(sprintf("metafor %s, k = %d: %.3f ms per fit (%d fits)\n", method, nrow(d), 1000 * t / reps, reps))
}
r <- fit("REML")
cat(sprintf("REML estimate %.10f, tau2 %.10f (default control)\n", r$beta, r$tau2))
