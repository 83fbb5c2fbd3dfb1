package org.evidencecds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/** A patient profile as facts for the rules (evidence and screening alike). */
public final class ProfileFacts {

    private ProfileFacts() {
    }

    /**
     * A {@link ProfileValue} or {@link ProfileCategory} per recorded field, and a {@link MissingInput} for
     * every field the rules watch ({@code watched}) that is not recorded.
     */
    public static List<Object> of(PatientProfile profile, Predicate<String> watched) {
        List<Object> facts = new ArrayList<>();
        profile.numbers().forEach((field, value) -> facts.add(new ProfileValue(field, value)));
        profile.categories().forEach((field, value) -> facts.add(new ProfileCategory(field, value)));
        for (ProfileField field : ProfileSchema.FIELDS) {
            if (!profile.has(field.name()) && watched.test(field.name())) {
                facts.add(new MissingInput(field.name()));
            }
        }
        return facts;
    }
}
