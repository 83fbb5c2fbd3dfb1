# Case d: small-study-effect (funnel asymmetry) tests for binary outcomes on the log odds ratio.
#   - Peters' test as published (Peters et al., JAMA 2006;295:676-80): weighted regression of ln(OR)
#     on 1/N with weights S*F/N (S, F = total events and non-events of the study), t test of the slope
#     on k-2 df; ln(OR) from escalc with add = 1/2, to = "only0". Reference: stats::lm.
#   - metafor's regtest(rma(yi, vi, method = "FE"), model = "lm", predictor = "ninv"): the same
#     regressor 1/N but inverse-variance weights 1/vi (metafor's help does not call it Peters' test).
#   - Harbord's score test (Harbord, Egger, Sterne, Stat Med 2006;25:3443-57): Z/sqrt(V) on sqrt(V),
#     Z = a - (a+c)(a+b)/N and V = (a+b)(c+d)(a+c)(b+d)/(N^2 (N-1)) from the raw counts; the test is on
#     the intercept (t, k-2 df). Reference: stats::lm.
# Double-zero studies (S = 0 or F = 0) have Peters weight 0 and score variance V = 0; they are left
# out of both tests (as R meta does), so k counts the studies with at least one event and one non-event.
# When the R package meta is installed, meta::metabias(method.bias = "Peters" / "Harbord") is a second,
# independent reference: the script stops unless it agrees with lm to 1e-10 and stores its values too.
# Writes expected/d_small_study.json (data: data/a1_bcg.csv, a2_zero_cell.csv, a4_double_zero.csv).
this_dir <- local({
  a <- commandArgs(trailingOnly = FALSE); f <- sub("^--file=", "", a[grep("^--file=", a)])
  if (length(f) == 1L) dirname(normalizePath(f)) else file.path(getwd(), "r")
})
source(file.path(this_dir, "common.R"))
has_meta <- suppressWarnings(requireNamespace("meta", quietly = TRUE))
if (!has_meta) message("R package meta not installed: the meta::metabias cross-check is left out")

header <- function(case, description) {
  g <- generator_info("d_small_study.R")
  g$meta <- if (has_meta) packageDescription("meta")$Version else NA
  list(case = case, description = description, generator = g, measure = "OR")
}

# t test of one coefficient of a weighted lm fit; limit = the other coefficient (estimate as the
# predictor goes to 0 for Peters / metafor, the slope for Harbord).
lm_test <- function(test, fit, term, limit_term, reference) {
  co <- summary(fit)$coefficients
  list(test = test, k = length(fit$residuals), coefficient = unname(co[term, 1]), se = unname(co[term, 2]),
       stat = unname(co[term, 3]), df = fit$df.residual, pval = unname(co[term, 4]),
       limit_estimate = unname(co[limit_term, 1]), reference = reference)
}

agree <- function(a, b, what) {
  if (!isTRUE(all.equal(a, b, tolerance = 1e-10))) stop(what, ": ", a, " vs ", b)
}

cases_for <- function(file) {
  d <- read.csv(file.path(DATA_DIR, file), stringsAsFactors = FALSE)
  a <- as.numeric(d$event_t); n1 <- as.numeric(d$n_t); cc <- as.numeric(d$event_c); n2 <- as.numeric(d$n_c)
  N <- n1 + n2; S <- a + cc; F <- N - S
  es <- escalc(measure = "OR", ai = event_t, n1i = n_t, ci = event_c, n2i = n_c, data = d, add = 1/2, to = "only0")
  stopifnot(all(attr(es$yi, "ni") == N))  # metafor's ni is the raw total n_t + n_c
  inf <- S > 0 & F > 0                     # not double-zero
  yi <- as.numeric(es$yi)[inf]; Ni <- N[inf]; w <- (S * F / N)[inf]
  peters <- lm_test("peters", lm(yi ~ I(1 / Ni), weights = w), 2, 1,
                    "lm(yi ~ I(1/N), weights = S*F/N); yi = escalc OR, add = 1/2, to = 'only0'; double-zero studies left out")
  # metafor reproduces it only when given Peters' variance 1/S + 1/F as vi and 1/N as ni (R meta >= 6 does this):
  via <- regtest(yi, sei = sqrt(1 / S[inf] + 1 / F[inf]), ni = 1 / Ni, model = "lm", predictor = "ni")
  agree(unname(coef(via$fit)[2]), peters$coefficient, paste(file, "Peters via metafor regtest(ni = 1/N, sei = sqrt(1/S+1/F))"))
  agree(unname(via$pval), peters$pval, paste(file, "Peters p via metafor regtest"))

  metafor_ninv <- function(drop00) {
    e <- escalc(measure = "OR", ai = event_t, n1i = n_t, ci = event_c, n2i = n_c, data = d, add = 1/2, to = "only0",
                drop00 = drop00)
    r <- suppressWarnings(regtest(rma(yi, vi, data = e, method = "FE"), model = "lm", predictor = "ninv"))  # warns: NA (drop00) rows omitted
    co <- summary(r$fit)$coefficients
    list(test = "peters-metafor", k = length(r$fit$residuals), coefficient = unname(co[2, 1]), se = unname(co[2, 2]),
         stat = unname(r$zval), df = r$dfs, pval = unname(r$pval), limit_estimate = unname(r$est),
         reference = paste0("regtest(rma(yi, vi, method = 'FE'), model = 'lm', predictor = 'ninv'); escalc OR, add = 1/2, to = 'only0', drop00 = ", drop00))
  }

  a_i <- a[inf]; n1_i <- n1[inf]; n2_i <- n2[inf]; S_i <- S[inf]; F_i <- F[inf]; N_i <- N[inf]
  Z <- a_i - S_i * n1_i / N_i
  V <- n1_i * n2_i * S_i * F_i / (N_i^2 * (N_i - 1))
  zs <- Z / sqrt(V); sv <- sqrt(V)
  harbord <- lm_test("harbord", lm(zs ~ sv), 1, 2,
                     "lm(Z/sqrt(V) ~ sqrt(V)) on the raw counts, intercept; double-zero studies left out")

  out <- list(dataset = file.path("data", file), k_input = nrow(d), peters = peters,
              peters_metafor_ninv = metafor_ninv(FALSE))
  if (any(!inf)) out$peters_metafor_ninv_drop00 <- metafor_ninv(TRUE)
  out$harbord <- harbord

  if (has_meta) {
    m <- meta::metabin(event_t, n_t, event_c, n_c, data = d, sm = "OR")
    stopifnot(all.equal(as.numeric(m$TE)[inf], yi, tolerance = 1e-12))  # meta's incr 0.5 "only0" = escalc's
    from_meta <- function(test, method_bias, mine) {
      b <- suppressWarnings(meta::metabias(m, method.bias = method_bias, k.min = 3))  # warns: double-zero rows dropped
      r <- list(test = test, k = b$df + 2L, coefficient = unname(b$estimate[1]), se = unname(b$estimate[2]),
                stat = unname(b$statistic), df = b$df, pval = b$pval, limit_estimate = unname(b$estimate[3]),
                reference = paste0("meta::metabias(metabin(..., sm = 'OR'), method.bias = '", method_bias, "', k.min = 3)"))
      for (f in c("k", "coefficient", "se", "stat", "df", "pval", "limit_estimate"))
        agree(r[[f]], mine[[f]], paste(file, test, f, "meta vs lm"))
      r
    }
    out$peters_meta <- from_meta("peters", "Peters", peters)
    out$harbord_meta <- from_meta("harbord", "Harbord", harbord)
  }
  out
}

out <- c(header("d_small_study",
                "Small-study-effect tests for binary outcomes (log OR): Peters (lm, weights S*F/N), metafor regtest(model='lm', predictor='ninv') (weights 1/vi), Harbord (score test)"),
         list(meta_checked = has_meta,
              bcg = cases_for("a1_bcg.csv"),
              zero_cell = cases_for("a2_zero_cell.csv"),
              double_zero = cases_for("a4_double_zero.csv")))
write_json_file(out, "d_small_study.json")
cat("case d done\n")
