package no.formidling;

import javax.xml.datatype.DatatypeFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FormidlingApplication {
    public static void main(String[] args) {
        // Camunda parses every timer duration with DatatypeFactory.newInstance(); without this property each call
        // searches META-INF/services through every nested jar (~6 % of a small-file lifecycle's CPU).
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
        SpringApplication.run(FormidlingApplication.class, args);
    }
}
