package org.evidencecds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.facade.TextReport;
import org.evidencecds.profile.PatientProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evaluate}: what the evidence says for one patient. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"What the evidence says for one patient: subgroup levels, protocol, estimates with their",
                "provenance, caveats and the rules that fired. Every input is optional."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ulcer-area-cm2", paramLabel = "CM2", description = "ulcer area in cm²")
    Double ulcerArea;

    @Option(names = "--diabetes-years", paramLabel = "YEARS", description = "diabetes duration in years")
    Double diabetesYears;

    @Option(names = "--ulcer-days", paramLabel = "DAYS", description = "ulcer duration (non-healing) in days")
    Double ulcerDays;

    @Option(names = "--age-years", paramLabel = "YEARS", description = "age in years")
    Double age;

    @Option(names = "--abi", paramLabel = "ABI", description = "ankle-brachial index")
    Double abi;

    @Option(names = "--tcpo2-mmhg", paramLabel = "MMHG", description = "transcutaneous oxygen pressure in mmHg")
    Double tcpo2;

    @Option(names = "--hba1c-percent", paramLabel = "PERCENT", description = "HbA1c in %")
    Double hba1c;

    @Option(names = "--insulin-units-per-day", paramLabel = "UNITS", description = "daily insulin dose in units")
    Double insulin;

    @Option(names = "--diabetes-type", paramLabel = "TYPE", description = "type-1, type-2 or other")
    String diabetesType;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;


    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ulcerAreaCm2", ulcerArea);
        values.put("diabetesDurationYears", diabetesYears);
        values.put("ulcerDurationDays", ulcerDays);
        values.put("ageYears", age);
        values.put("abi", abi);
        values.put("tcpo2MmHg", tcpo2);
        values.put("hba1cPercent", hba1c);
        values.put("insulinDoseUnitsPerDay", insulin);
        values.put("diabetesType", diabetesType);
        PatientProfile profile = PatientProfile.of(values);
        EvidenceFacade facade = new EvidenceFacade(where.load());
        EvidenceReport report = facade.evaluate(profile);
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            spec.commandLine().getOut().print(TextReport.render(report));
        }
        return 0;
    }
}
