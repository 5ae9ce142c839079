package org.predspace.training.spec;

/** The network families the engine can train, by their short CLI id. */
public enum Architecture implements NamedChoice {
    LINEAR("linear", false, "softmax regression (no hidden layer)"),
    MLP("mlp", false, "fully connected ReLU network, depth and width configurable"),
    LENET("lenet", true, "LeNet-style CNN: two 5x5 conv + max-pool stages, two dense layers"),
    ALLCNN("allcnn", true, "small all-convolutional net with batch norm and global average pooling"),
    RESNET("resnet", true, "small residual net: conv stem, residual blocks with skip connections");

    private final String id;
    private final boolean imageOnly;
    private final String description;

    Architecture(String id, boolean imageOnly, String description) {
        this.id = id;
        this.imageOnly = imageOnly;
        this.description = description;
    }

    @Override
    public String id() { return id; }
    public boolean imageOnly() { return imageOnly; }
    public String description() { return description; }

    public static Architecture fromId(String s) {
        return NamedChoice.parse(Architecture.class, s, "architecture");
    }

    public static String ids() {
        return NamedChoice.ids(Architecture.class);
    }
}
