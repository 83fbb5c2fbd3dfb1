# Case c: further reference cases for the engine: risk ratios (with Mantel-Haenszel), subgroups
# (per-level fits, metafor's mixed-effects QM and the separate-tau2 Q-between), leave-one-out and
# Egger's regression test in both forms. Writes expected/c*.json (data: data/a1_bcg.csv, b_continuous.csv).
this_dir <- local({
  a <- commandArgs(trailingOnly = FALSE); f <- sub("^--file=", "", a[grep("^--file=", a)])
  if (length(f) == 1L) dirname(normalizePath(f)) else file.path(getwd(), "r")
})
source(file.path(this_dir, "common.R"))

bcg <- read.csv(file.path(DATA_DIR, "a1_bcg.csv"), stringsAsFactors = FALSE)
cont <- read.csv(file.path(DATA_DIR, "b_continuous.csv"), stringsAsFactors = FALSE)
fit <- function(es, method, test = "z", mods = NULL)
  suppressWarnings(if (is.null(mods)) rma(yi, vi, data = es, method = method, test = test, control = TIGHT)
                   else rma(yi, vi, mods = mods, data = es, method = method, test = test, control = TIGHT))
header <- function(case, description, dataset, measure)
  list(case = case, description = description, generator = generator_info("c_more.R"),
       dataset = dataset, measure = measure)

# ---- c1: risk ratio on bcg -------------------------------------------------------------------------
es <- escalc(measure = "RR", ai = event_t, n1i = n_t, ci = event_c, n2i = n_c, data = bcg, add = 1/2, to = "only0")
n <- nrow(bcg)
out <- c(header("c1_bcg_rr", "metafor dat.bcg, risk ratio (log scale), all methods", "data/a1_bcg.csv", "RR"),
  list(studies = study_rows(bcg$study, es),
       results = list(
         MH_fixed = summ_mh(rma.mh(ai = event_t, n1i = n_t, ci = event_c, n2i = n_c, data = bcg, measure = "RR")),
         IV_fixed = summ_uni(fit(es, "FE"), n_rows = n),
         DL = summ_uni(fit(es, "DL"), n_rows = n),
         REML = summ_uni(fit(es, "REML"), n_rows = n),
         PM = summ_uni(fit(es, "PM"), n_rows = n),
         REML_KNHA = summ_uni(fit(es, "REML", test = "knha"), n_rows = n))))
write_json_file(out, "c1_bcg_rr.json")

# ---- c2: subgroups of bcg (log OR) by allocation ----------------------------------------------------
es <- escalc(measure = "OR", ai = event_t, n1i = n_t, ci = event_c, n2i = n_c, data = bcg, add = 1/2, to = "only0")
sub <- list()
for (method in c("FE", "DL", "REML", "PM")) {
  for (test in c("z", "knha")) {
    if (method == "FE" && test == "knha") next
    lv <- sort(unique(bcg$alloc))
    per <- lapply(lv, function(l) { r <- fit(es[bcg$alloc == l, ], method, test); c(list(level = l), summ_uni(r)) })
    qm <- fit(es, method, test, mods = ~ factor(alloc))
    est <- sapply(per, function(p) p$estimate); se <- sapply(per, function(p) p$se)
    w <- 1 / se^2; grand <- sum(w * est) / sum(w); qb <- sum(w * (est - grand)^2)
    sub[[paste0(method, if (test == "knha") "_KNHA" else "")]] <- list(
      method = method, test = test, levels = per,
      mixed_effects = list(QM = qm$QM, QM_df = qm$QMdf[1], QM_df2 = if (test == "knha") qm$QMdf[2] else NA,
                           QM_pval = qm$QMp, tau2 = qm$tau2,
                           note = "rma(yi, vi, mods = ~ factor(alloc)); with knha QM is an F statistic"),
      separate_tau2 = list(Q_between = qb, df = length(lv) - 1, pval = pchisq(qb, length(lv) - 1, lower.tail = FALSE),
                           note = "each level pooled with its own tau2 (same method/test); Q = sum((est - grand)^2 / se^2)"))
  }
}
out <- c(header("c2_bcg_subgroups", "metafor dat.bcg, log OR, subgroups by alloc (alternate, random, systematic)", "data/a1_bcg.csv", "OR"),
         list(group_column = "alloc", results = sub))
write_json_file(out, "c2_bcg_subgroups.json")

# ---- c3: leave-one-out ------------------------------------------------------------------------------
loo <- list()
for (method in c("FE", "DL", "REML", "PM")) {
  l1 <- leave1out(fit(es, method))
  loo[[method]] <- lapply(seq_len(n), function(i) list(study = bcg$study[i], estimate = l1$estimate[i], se = l1$se[i],
      ci_lb = l1$ci.lb[i], ci_ub = l1$ci.ub[i], Q = l1$Q[i], tau2 = l1$tau2[i], I2 = l1$I2[i]))
}
out <- c(header("c3_bcg_leave1out", "metafor dat.bcg, log OR, leave1out() per method", "data/a1_bcg.csv", "OR"),
         list(results = loo))
write_json_file(out, "c3_bcg_leave1out.json")

# ---- c4: Egger's test -------------------------------------------------------------------------------
egger <- function(es, model, method = "REML") {
  r <- if (model == "lm") regtest(fit(es, "FE"), model = "lm") else regtest(fit(es, method), model = "rma")
  co <- if (model == "lm") summary(r$fit)$coefficients else cbind(coef(r$fit), r$fit$se)
  list(model = model, method = if (model == "lm") NA else method, k = length(es$yi),
       coef_sei = unname(co[2, 1]), se_sei = unname(co[2, 2]), stat = r$zval, df = if (is.null(r$dfs)) NA else r$dfs,
       pval = r$pval, limit_estimate = unname(r$est), tau2 = if (model == "lm") NA else r$fit$tau2)
}
esc <- escalc(measure = "SMD", m1i = mean_t, sd1i = sd_t, n1i = n_t, m2i = mean_c, sd2i = sd_c, n2i = n_c, data = cont)
out <- c(header("c4_egger", "Egger regression test: regtest(model='lm') and regtest(model='rma', predictor='sei')", "data/a1_bcg.csv; data/b_continuous.csv", "OR; SMD"),
  list(bcg_or = list(lm = egger(es, "lm"), rma_REML = egger(es, "rma", "REML"), rma_DL = egger(es, "rma", "DL"),
                     rma_FE = egger(es, "rma", "FE"), rma_PM = egger(es, "rma", "PM")),
       continuous_smd = list(lm = egger(esc, "lm"), rma_REML = egger(esc, "rma", "REML"))))
write_json_file(out, "c4_egger.json")
cat("case c done\n")
