import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./layout";

export interface SignInUnlockEmailProps {
  name: string;
  unlockUrl: string;
  validMinutes: number;
}

export function SignInUnlockEmail(props: SignInUnlockEmailProps) {
  return (
    <EmailLayout preview="Sign-in to your Placement Exchange account is paused">
      <Text>Dear {props.name},</Text>
      <Text>
        Someone has entered the wrong password for your Placement Exchange account several times, so signing in to it is paused for a while. If
        that was you, use this link to lift the pause and sign in now.
      </Text>
      <Button href={props.unlockUrl} style={buttonStyle}>
        Lift the pause
      </Button>
      <Text>Or open this link: {props.unlockUrl}</Text>
      <Text>
        The link works once, for {props.validMinutes} minutes. If it was not you, your account is safe as long as your password is: you may want
        to reset it from the sign-in page.
      </Text>
    </EmailLayout>
  );
}

export const signInUnlockSubject = "Sign-in to your Placement Exchange account is paused";
