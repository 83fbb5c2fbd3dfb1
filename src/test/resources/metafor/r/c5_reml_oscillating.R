# Case c5: a data set (found by the engine's property test) on which metafor's REML Fisher scoring
# with full steps oscillates and stops with "did not converge". With stepadj = 0.5 metafor converges;
# that REML estimate is the reference. Writes expected/c5_reml_oscillating.json.
this_dir <- local({
  a <- commandArgs(trailingOnly = FALSE); f <- sub("^--file=", "", a[grep("^--file=", a)])
  if (length(f) == 1L) dirname(normalizePath(f)) else file.path(getwd(), "r")
})
source(file.path(this_dir, "common.R"))
d <- read.csv(file.path(DATA_DIR, "c5_reml_oscillating.csv"), stringsAsFactors = FALSE)
default_fails <- inherits(try(rma(yi, vi, data = d, method = "REML"), silent = TRUE), "try-error")
r <- rma(yi, vi, data = d, method = "REML", control = c(TIGHT, list(stepadj = 0.5)))
out <- list(case = "c5_reml_oscillating",
            description = "REML where Fisher scoring with full steps does not converge; reference uses stepadj = 0.5",
            generator = generator_info("c5_reml_oscillating.R"), dataset = "data/c5_reml_oscillating.csv",
            metafor_default_control_fails = default_fails,
            results = list(REML = summ_uni(r, ratio = FALSE, n_rows = nrow(d))))
write_json_file(out, "c5_reml_oscillating.json")
cat("case c5 done\n")
