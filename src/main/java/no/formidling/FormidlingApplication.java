package no.formidling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FormidlingApplication {
    public static void main(String[] args) {
        SpringApplication.run(FormidlingApplication.class, args);
    }
}
