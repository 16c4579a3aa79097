package io.singletable.samples.social;

import io.singletable.samples.social.runtime.Direction;
import io.singletable.samples.social.runtime.NotUniqueException;
import io.singletable.samples.social.runtime.PageRequest;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The generated Java in use: the article's eight access patterns through {@link DataAccess}, on the
 * same items the GraphQL API serves.
 *
 * <p>{@link DataAccess} bypasses the schema's {@code @auth} rules: it is a trusted, server-side path without a
 * caller's identity, so the code using it decides who may do what (here it sets each item's {@code owner}, the
 * Cognito {@code sub} the API's owner rules compare, itself).
 *
 * <p>Run it against a deployed stack ({@code java ... SocialTour <TableName output>}) or DynamoDB Local
 * ({@code java ... SocialTour social http://localhost:8000}, which also creates the table).
 */
public final class SocialTour {
  private final DataAccess access;
  private final PrintStream out;

  /**
   * A tour over a table.
   *
   * @param access the data-access layer
   * @param out where to print what happens
   */
  public SocialTour(DataAccess access, PrintStream out) {
    this.access = access;
    this.out = out;
  }

  /**
   * Walks through the eight access patterns.
   *
   * @return the id of the user it created
   */
  public String run() {
    String adaSub = "ada-cognito-sub";
    // 1 create user profile: the e-mail address is unique, whatever its case
    User ada = access.users().create(User.builder().email("ada@example.com").firstName("Ada").lastName("Lovelace")
        .owner(adaSub).build());
    try {
      access.users().create(User.builder().email("ADA@example.com").firstName("Impostor").lastName("X")
          .owner("impostor-sub").build());
    } catch (NotUniqueException e) {
      out.println("1 second ada@example.com refused: " + e.errorType());
    }
    // 2 update user profile: read-modify-write; the e-mail's unique item moves with it
    User updated = access.users().update(ada.id(), u -> u.withProfilePicture("https://example.com/ada.png")
        .withEmail("countess@example.com"));
    out.println("2 updated: " + updated.email() + ", " + updated.profilePicture());
    // 3 get user profile, by id or by e-mail
    out.println("3 by id: " + access.users().get(ada.id()).map(User::firstName).orElse("none")
        + ", by e-mail: " + access.users().getByEmail("Countess@Example.com").map(User::lastName).orElse("none"));
    // 4 create post: two at once, in one transaction (both are written, or neither)
    Post first = access.transactionResult(tx -> {
      Post created = tx.posts().create(Post.builder().id("post-1").userId(ada.id())
          .content("Notes on the Analytical Engine").owner(adaSub).build());
      tx.posts().create(Post.builder().id("post-2").userId(ada.id()).content("On Bernoulli numbers").owner(adaSub).build());
      return created;
    });
    // 5 update post
    Post edited = access.posts().update(first.id(), p -> p.withContent(p.content() + " (with notes A to G)"));
    out.println("5 edited: " + edited.content());
    // 6 view a user's posts: newest first is the relation in DESC order (sorted by createdAt, then id)
    List<Post> timeline = access.users().posts(updated, PageRequest.first(10).withDirection(Direction.DESC)).items();
    out.println("6 timeline: " + timeline.stream().map(Post::id).toList());
    // 7 create comment
    Comment.Builder comment = Comment.builder().postId(first.id()).userId(ada.id()).owner(adaSub);
    access.comments().create(comment.id("comment-1").content("Corrections welcome.").build());
    access.comments().create(comment.id("comment-2").content("Note G computes the numbers.").build());
    // 8 view post comments, and each comment's author (a belongsTo: one GetItem)
    for (Comment c : access.posts().commentsStream(first.id(), PageRequest.first(1)).toList()) {
      out.println("8 " + c.id() + " by " + access.comments().author(c).map(User::firstName).orElse("?") + ": " + c.content());
    }
    return ada.id();
  }

  /**
   * Runs the tour.
   *
   * @param args the table name, and optionally a DynamoDB endpoint such as {@code http://localhost:8000}
   *     (DynamoDB Local: the table is created first)
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: SocialTour <table name> [<DynamoDB Local endpoint>]");
      System.exit(2);
    }
    DynamoDbClientBuilder builder = DynamoDbClient.builder();
    if (args.length > 1) {
      builder.endpointOverride(URI.create(args[1]));
    }
    try (DynamoDbClient client = builder.build()) {
      if (args.length > 1) {
        client.createTable(DataAccess.createTableRequest(args[0]));
      }
      new SocialTour(new DataAccess(client, args[0]), System.out).run();
    }
  }
}
