package org.predspace;

public final class Main {
    public static void main(String[] args) {
        System.out.println("predspace");
    }
}
