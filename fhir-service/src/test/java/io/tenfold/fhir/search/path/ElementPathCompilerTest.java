package io.tenfold.fhir.search.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;

class ElementPathCompilerTest {

    final ElementPathCompiler compiler = new ElementPathCompiler(FhirContext.forR4Cached());

    @Test
    void navigatesChoiceTypesAndTypeFilters() {
        Observation obs = new Observation();
        obs.setValue(new Quantity(5));
        assertEquals(List.of(obs.getValue()), compiler.compile("(Observation.value as Quantity) | (Observation.value as SampledData)").evaluate(obs));
        assertTrue(compiler.compile("(Observation.value as string)").evaluate(obs).isEmpty());

        Condition condition = new Condition();
        condition.setOnset(new Age().setValue(3));
        assertEquals(1, compiler.compile("Condition.onset.as(Age) | Condition.onset.as(Range)").evaluate(condition).size());
        assertEquals(1, compiler.compile("Condition.onset.ofType(Quantity)").evaluate(condition).size(), "Age is a Quantity");
        assertTrue(compiler.compile("Condition.onset.as(dateTime)").evaluate(condition).isEmpty());
    }

    @Test
    void filtersWithWhere() {
        Patient patient = new Patient();
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("1");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("a@b");
        List<Base> emails = compiler.compile("Patient.telecom.where(system='email')").evaluate(patient);
        assertEquals(List.of(patient.getTelecom().get(1)), emails);

        Observation obs = new Observation();
        obs.setSubject(new Reference("Group/g1"));
        assertTrue(compiler.compile("Observation.subject.where(resolve() is Patient)").evaluate(obs).isEmpty());
        obs.setSubject(new Reference("Patient/p1"));
        assertEquals(1, compiler.compile("Observation.subject.where(resolve() is Patient)").evaluate(obs).size());
    }

    @Test
    void booleanExpressions() {
        ElementPath deceased = compiler.compile("Patient.deceased.exists() and Patient.deceased != false");
        assertEquals("false", ((BooleanType) deceased.evaluate(new Patient()).get(0)).getValueAsString());
        assertEquals("true", ((BooleanType) deceased.evaluate(new Patient().setDeceased(new BooleanType(true))).get(0)).getValueAsString());
        assertEquals("false", ((BooleanType) deceased.evaluate(new Patient().setDeceased(new BooleanType(false))).get(0)).getValueAsString());
        assertEquals("true", ((BooleanType) deceased.evaluate(new Patient().setDeceased(new DateTimeType("2020"))).get(0)).getValueAsString());
    }

    @Test
    void otherResourceTypesGiveNothing() {
        assertTrue(compiler.compile("Observation.code").evaluate(new Patient()).isEmpty());
        assertEquals(1, compiler.compile("Resource.id").evaluate(new Patient().setIdElement(new org.hl7.fhir.r4.model.IdType("Patient/1"))).size());
    }

    @Test
    void refusesWhatItCannotEvaluate() {
        assertThrows(UnsupportedExpressionException.class, () -> compiler.compile("Patient.name.first()"));
        assertThrows(UnsupportedExpressionException.class, () -> compiler.compile("Patient.name.as(NoSuchType)"));
        assertThrows(UnsupportedExpressionException.class, () -> compiler.compile("Patient.name +"));
        assertThrows(UnsupportedExpressionException.class, () -> compiler.compile("Patient.link.other.resolve()"));
    }
}
