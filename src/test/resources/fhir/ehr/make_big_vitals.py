#!/usr/bin/env python3
"""Writes big-vitals.json next to this file: a CDS Hooks patient-view request whose observations
prefetch holds a year of daily vital signs (365 of them: a monitor's heart rate, or on every other
Monday a nurse's blood pressure panel) plus a diabetic foot ulcer and its wound area, about 240 KB in
all: well over 64 KiB, and under 256 KiB.

Deterministic: the same bytes on every run (fixed seed, fixed dates, compact JSON as EHRs send it).
Run: python3 make_big_vitals.py
"""
import json
import os
import random
from datetime import date, datetime, timedelta, timezone

BASE = "https://ehr.example.org/fhir"
PID = "eBgV1tLsYr4Qp8Zm2Kd7Wn03"
USER = "Practitioner/eKz1nTq0pWmS8c2YbV7dRfA3"
DOC = {"reference": USER, "display": "Nadia Okafor, DPM"}
NURSE = {"reference": "Practitioner/eNr5Hs8Jk2Lm4Qw6Er9Ty1U3", "display": "Ruth Adeyemi, RN"}
ICD, SCT, LNC, UCUM = ("http://hl7.org/fhir/sid/icd-10-cm", "http://snomed.info/sct", "http://loinc.org",
                       "http://unitsofmeasure.org")
OBSCAT = "http://terminology.hl7.org/CodeSystem/observation-category"
FIRST_DAY = date(2025, 11, 29)      # 365 days, the last one 2026-11-28 ("today" in the tests is 2026-11-29)
DAYS = 365


def cst(d, hour, minute):
    """Local time in US Central; standard time (-06:00) from the first Sunday of November to the second of March."""
    def nth_sunday(year, month, n):
        first = date(year, month, 1)
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))
    dst = nth_sunday(d.year, 3, 2) <= d < nth_sunday(d.year, 11, 1)
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=timezone(timedelta(hours=-5 if dst else -6)))


def cc(codings, text):
    return {"coding": [{"system": s, "code": c, "display": d} for s, c, d in codings], "text": text}


def category(code, display):
    return [{"coding": [{"system": OBSCAT, "code": code, "display": display}], "text": display}]


def q(value, unit):
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def entry(resource):
    return {"fullUrl": f"{BASE}/{resource['resourceType']}/{resource['id']}", "resource": resource,
            "search": {"mode": "match"}}


def main():
    rnd = random.Random(7102026)
    patient = {"resourceType": "Patient", "id": PID,
               "identifier": [{"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                                                    "code": "MR", "display": "Medical record number"}],
                                                        "text": "MRN"},
                               "system": BASE + "/sid/mrn", "value": "E4429917"}],
               "active": True,
               "name": [{"use": "official", "text": "Franklin D Osei", "family": "Osei", "given": ["Franklin", "D"]}],
               "gender": "male", "birthDate": "1952-10-30"}

    def condition(cid, codings, text, onset, recorded, body_site=None):
        c = {"resourceType": "Condition", "id": cid,
             "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                            "code": "active", "display": "Active"}], "text": "Active"},
             "verificationStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                                "code": "confirmed", "display": "Confirmed"}], "text": "Confirmed"},
             "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                                       "code": "problem-list-item", "display": "Problem List Item"}],
                           "text": "Problem List Item"}],
             "code": cc(codings, text)}
        if body_site:
            c["bodySite"] = [{"text": body_site}]
        c.update({"subject": {"reference": f"Patient/{PID}"}, "onsetDateTime": onset, "recordedDate": recorded,
                  "recorder": DOC})
        return c

    conditions = [
        condition("eCdm8Tq2Wx5Yz1Ab4Cd7Ef03",
                  [(ICD, "E11.621", "Type 2 diabetes mellitus with foot ulcer"),
                   (SCT, "44054006", "Diabetes mellitus type 2 (disorder)"),
                   (BASE + "/CodeSystem/problem-list", "PL-30755", "Type 2 diabetes mellitus with diabetic foot ulcer")],
                  "Type 2 diabetes mellitus with foot ulcer", "2010-08-19", "2010-08-19T10:15:00-05:00"),
        condition("eCfu3Gh6Jk9Lm2No5Pq8Rs03",
                  [(SCT, "280137006", "Diabetic foot"),
                   (BASE + "/CodeSystem/problem-list", "PL-41877", "Diabetic foot ulcer")],
                  "Diabetic foot ulcer of right heel", "2026-06-20", "2026-06-22T09:41:37-05:00", "Right heel"),
    ]

    observations = []
    serial = 0

    def oid():
        nonlocal serial
        serial += 1
        return "eV%04d%03d3" % (serial, serial * 7919 % 1000)

    def vital(when, codings, text, value=None, components=None, performer=None):
        o = {"resourceType": "Observation", "id": oid(), "status": "final",
             "category": [{"coding": [{"system": OBSCAT, "code": "vital-signs", "display": "Vital Signs"}]}],
             "code": cc(codings, text), "subject": {"reference": f"Patient/{PID}"},
             "effectiveDateTime": when.isoformat()}
        if performer:   # charted by a nurse: issued when filed; the monitor's readings come without it
            o["issued"] = (when + timedelta(seconds=rnd.randint(20, 600))).isoformat()
            o["performer"] = [performer]
        if components:
            o["component"] = components
        else:
            o["valueQuantity"] = value
        return o

    for i in range(DAYS):
        d = FIRST_DAY + timedelta(days=i)
        if not (d.weekday() == 0 and (i // 7) % 2 == 0):
            when = cst(d, 8, rnd.randint(0, 59))
            observations.append(vital(when, [(LNC, "8867-4", "Heart rate")], "Pulse", q(rnd.randint(62, 94), "/min")))
        else:
            sys_bp, dia_bp = rnd.randint(124, 152), rnd.randint(70, 92)
            observations.append(vital(
                cst(d, 8, rnd.randint(0, 59)), [(LNC, "85354-9", "Blood pressure panel with all children optional")],
                "Blood Pressure",
                components=[{"code": cc([(LNC, "8480-6", "Systolic blood pressure")], "Systolic blood pressure"),
                             "valueQuantity": q(sys_bp, "mm[Hg]")},
                            {"code": cc([(LNC, "8462-4", "Diastolic blood pressure")], "Diastolic blood pressure"),
                             "valueQuantity": q(dia_bp, "mm[Hg]")}], performer=NURSE))

    observations.append({"resourceType": "Observation", "id": "eWa7Rea2Xy4Zb6Cd8Ef0Gh03", "status": "final",
                         "category": category("exam", "Exam"),
                         "code": cc([(LNC, "89260-4", "Area of wound"),
                                     (BASE + "/CodeSystem/flowsheet-row", "FS-7721040", "Wound area (calc)")],
                                    "Wound area"),
                         "subject": {"reference": f"Patient/{PID}"},
                         "effectiveDateTime": "2026-11-21T10:40:00-06:00", "issued": "2026-11-21T10:52:19-06:00",
                         "performer": [DOC], "valueQuantity": q(7.5, "cm2")})

    def searchset(rtype, resources):
        return {"resourceType": "Bundle", "type": "searchset", "total": len(resources),
                "link": [{"relation": "self", "url": f"{BASE}/{rtype}?patient={PID}"}],
                "entry": [entry(r) for r in resources]}

    body = {"hook": "patient-view", "hookInstance": "5b0f3c2e-8d47-4a61-9f0e-2c7d94e1a8b6", "fhirServer": BASE,
            "context": {"userId": USER, "patientId": PID},
            "prefetch": {"patient": patient, "conditions": searchset("Condition", conditions),
                         "observations": searchset("Observation", observations)}}
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "big-vitals.json")
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps(body, separators=(",", ":"), ensure_ascii=False))
        f.write("\n")
    print(out, os.path.getsize(out), "bytes,", len(observations), "observations")


if __name__ == "__main__":
    main()
